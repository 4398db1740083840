import type { Value, ValueForm } from './values.js';

/** Which way a KPI gets better. */
export type Direction = 'higher' | 'lower';

export interface MetricInfo {
    form: ValueForm;
    /** Inclusive bounds; `minExclusive` for durations, which must be above zero. */
    min?: number;
    max?: number;
    minExclusive?: boolean;
    /** Absent for `count` and `custom`: only the KPI's `better` says which way they get better. */
    direction?: Direction;
    describeRange: string;
}

const percent0to100 = (direction: Direction): MetricInfo => ({ form: 'percent', min: 0, max: 100, direction, describeRange: '0% to 100%' });
const duration: MetricInfo = { form: 'duration', min: 0, minExclusive: true, direction: 'lower', describeRange: 'above zero' };

/** §4 of the language reference. */
export const METRICS: Record<string, MetricInfo> = {
    'nps': { form: 'number', min: -100, max: 100, direction: 'higher', describeRange: '-100 to 100' },
    'csat': percent0to100('higher'),
    'ces': { form: 'number', min: 1, max: 7, direction: 'higher', describeRange: '1 to 7' },
    'conversion': percent0to100('higher'),
    'retention': percent0to100('higher'),
    'repeat-purchase': percent0to100('higher'),
    'first-contact-resolution': percent0to100('higher'),
    'percent': percent0to100('higher'),
    'churn': percent0to100('lower'),
    'cart-abandonment': percent0to100('lower'),
    'return-rate': percent0to100('lower'),
    'clv-growth': { form: 'percent', direction: 'higher', describeRange: 'any percent' },
    'response-time': duration,
    'resolution-time': duration,
    'cycle-time': duration,
    'clv': { form: 'money', min: 0, direction: 'higher', describeRange: '0 or more' },
    'count': { form: 'number', min: 0, describeRange: '0 or more' },
    'custom': { form: 'number', describeRange: 'any number' }
};

/**
 * The way a KPI gets better: its `better` when written (it overrides the metric, §4: a count of
 * complaints is better lower), else its metric's; undefined when neither says.
 */
export function kpiDirection(metric: string | undefined, better: string | undefined): Direction | undefined {
    if (better === 'higher' || better === 'lower') return better;
    return metric ? METRICS[metric]?.direction : undefined;
}

export type Comparator = '>=' | '<=' | '=';

/** The comparator a target means when none is written: the KPI's better direction, else exactly. */
export function effectiveComparator(op: string | undefined, direction: Direction | undefined): Comparator {
    if (op === '>=' || op === '<=' || op === '=') return op;
    return direction === 'lower' ? '<=' : direction === 'higher' ? '>=' : '=';
}

/** Comparable magnitude of a value: durations in seconds, the rest as written. */
export function magnitude(v: Value): number | undefined {
    switch (v.form) {
        case 'duration': return v.seconds;
        case 'date': return undefined;
        default: return v.value;
    }
}

/** Whether `current` satisfies `op target`; undefined when they cannot be compared. */
export function isMet(current: Value, op: Comparator, target: Value): boolean | undefined {
    if (current.form !== target.form) return undefined;
    if (current.form === 'money' && target.form === 'money' && current.currency !== target.currency) return undefined;
    const a = magnitude(current);
    const b = magnitude(target);
    if (a === undefined || b === undefined) return undefined;
    switch (op) {
        case '>=': return a >= b;
        case '<=': return a <= b;
        case '=': return a === b;
    }
}

/** A target that is valid for `metric` and points the way the KPI gets better (for messages and quick fixes). */
export function exampleTarget(metric: string | undefined, currency = 'EUR', direction = kpiDirection(metric, undefined)): string {
    const info = metric ? METRICS[metric] : undefined;
    const op = direction === 'lower' ? '<=' : '>=';
    switch (info?.form) {
        case 'percent':
            return metric === 'clv-growth' ? `${op} 10%` : direction === 'lower' ? '<= 10%' : '>= 90%';
        case 'duration':
            return direction === 'higher' ? '>= 1d' : '<= 1d';
        case 'money':
            return `${op} 1000 ${currency}`;
        default:
            return metric === 'nps' ? `${op} 30` : metric === 'ces' ? `${op} 5` : `${op} ${direction === 'lower' ? 10 : 0}`;
    }
}
