import { METRICS } from './metrics.js';
import { describeForm, isIsoCurrency, type Value, type ValueForm } from './values.js';

/**
 * What each property expects of its value. The model keeps only values that meet it (an
 * out-of-range KPI is neither met nor missed), and validation reports the ones that do not.
 */
export interface QuantityIssue {
    code: 'unit-mismatch' | 'value-out-of-range';
    message: string;
}

/** What a property expects of its value: a form and, optionally, bounds. */
export interface Expectation {
    form: ValueForm;
    min?: number;
    max?: number;
    minExclusive?: boolean;
    integer?: boolean;
    describeRange?: string;
}

export const PROPERTY_EXPECTATIONS: Record<string, Expectation> = {
    clv: { form: 'money', min: 0, describeRange: '0 or more' },
    sla: { form: 'duration', min: 0, describeRange: '0 or more' },
    emotion: { form: 'number', min: -2, max: 2, integer: true, describeRange: 'a whole number from -2 to 2' },
    due: { form: 'date' },
    count: { form: 'number', min: 0, integer: true, describeRange: 'a whole number, 0 or more' },
    reach: { form: 'percent', min: 0, max: 100, describeRange: '0% to 100%' },
    confidence: { form: 'percent', min: 0, max: 100, describeRange: '0% to 100%' }
};

export function metricExpectation(metric: string): Expectation | undefined {
    const info = METRICS[metric];
    return info && { form: info.form, min: info.min, max: info.max, minExclusive: info.minExclusive, describeRange: info.describeRange };
}

const TIME_WORDS: Record<string, string> = {
    s: 's', sec: 's', secs: 's', second: 's', seconds: 's', min: 'm', mins: 'm', minute: 'm', minutes: 'm',
    h: 'h', hr: 'h', hrs: 'h', hour: 'h', hours: 'h', d: 'd', day: 'd', days: 'd', w: 'w', wk: 'w', week: 'w', weeks: 'w'
};

/** The first thing wrong with a value, or undefined when it is valid for `expected`. */
export function quantityIssue(value: Value, expected: Expectation, what: string): QuantityIssue | undefined {
    if (value.form !== expected.form) {
        // `4 hours`: a number and a word, read as money; the unit is one letter, written on the number.
        const unit = value.form === 'money' && expected.form === 'duration' ? TIME_WORDS[value.currency.toLowerCase()] : undefined;
        if (unit) return { code: 'unit-mismatch', message: `${what} takes a duration with its unit on the number: write \`${value.value}${unit}\`, not \`${value.text}\`.` };
        return { code: 'unit-mismatch', message: `${what} takes ${describeForm(expected.form)}, not \`${value.text}\`.` };
    }
    if (value.form === 'money' && !isIsoCurrency(value.currency)) {
        return { code: 'unit-mismatch', message: `\`${value.currency}\` is not an ISO 4217 currency code; write three capital letters, e.g. \`EUR\`.` };
    }
    if (value.form === 'date') {
        return value.valid ? undefined : { code: 'value-out-of-range', message: `\`${value.text}\` is not a real date; check the month and day.` };
    }
    const n = value.value;
    const below = expected.min !== undefined && (expected.minExclusive ? n <= expected.min : n < expected.min);
    const above = expected.max !== undefined && n > expected.max;
    const fractional = expected.integer && !Number.isInteger(n);
    if (below || above || fractional) {
        return { code: 'value-out-of-range', message: `${what} is \`${value.text}\`, outside its range (${expected.describeRange}).` };
    }
    return undefined;
}

/** `0.86%` is almost always a fraction typed as a percent. */
export function looksLikeFraction(value: Value): boolean {
    return value.form === 'percent' && value.value > 0 && value.value < 1;
}
