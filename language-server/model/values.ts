import * as ast from '../generated/ast.js';

/** A literal value in the form it was written: the form decides which properties accept it. */
export type Value =
    | { form: 'number'; value: number; text: string }
    | { form: 'percent'; value: number; text: string }
    | { form: 'duration'; value: number; seconds: number; unit: DurationUnit; text: string }
    | { form: 'money'; value: number; currency: string; text: string }
    | { form: 'date'; value: string; valid: boolean; text: string };

export type ValueForm = Value['form'];
export type DurationUnit = 's' | 'm' | 'h' | 'd' | 'w';

export const SECONDS: Record<DurationUnit, number> = { s: 1, m: 60, h: 3600, d: 86400, w: 604800 };

export function parseQuantity(q: ast.Quantity | undefined): Value | undefined {
    if (!q) return undefined;
    switch (q.$type) {
        case ast.NumberValue.$type: {
            const n = q as ast.NumberValue;
            if (typeof n.value !== 'number' || Number.isNaN(n.value)) return undefined;
            return n.currency
                ? { form: 'money', value: n.value, currency: n.currency, text: `${n.value} ${n.currency}` }
                : { form: 'number', value: n.value, text: String(n.value) };
        }
        case ast.PercentValue.$type: {
            const text = (q as ast.PercentValue).value;
            if (!text) return undefined;
            return { form: 'percent', value: Number(text.slice(0, -1)), text };
        }
        case ast.DurationValue.$type: {
            const text = (q as ast.DurationValue).value;
            if (!text) return undefined;
            const unit = text.slice(-1) as DurationUnit;
            const value = Number(text.slice(0, -1));
            return { form: 'duration', value, unit, seconds: value * SECONDS[unit], text };
        }
        case ast.DateValue.$type: {
            const text = (q as ast.DateValue).value;
            if (!text) return undefined;
            return { form: 'date', value: text, valid: isRealDate(text), text };
        }
        default:
            return undefined;
    }
}

const REAL_DATES = new Map<string, boolean>();

/** `2027-02-30` matches the pattern but is no date. (Remembered: 100,000 rows of actuals have a few dozen dates.) */
export function isRealDate(text: string): boolean {
    let real = REAL_DATES.get(text);
    if (real === undefined) {
        real = checkDate(text);
        if (REAL_DATES.size < 100_000) REAL_DATES.set(text, real);
    }
    return real;
}

function checkDate(text: string): boolean {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
    if (!m) return false;
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (mo < 1 || mo > 12 || d < 1) return false;
    const days = new Date(Date.UTC(y, mo, 0)).getUTCDate();
    return d <= days;
}

export function isIsoCurrency(code: string): boolean {
    return /^[A-Z]{3}$/.test(code);
}

export function describeForm(form: ValueForm): string {
    switch (form) {
        case 'number': return 'a plain number (e.g. `42`)';
        case 'percent': return 'a percent (e.g. `97%`)';
        case 'duration': return 'a duration (e.g. `30m`, `48h`, `2d`)';
        case 'money': return 'an amount of money (e.g. `1450 EUR`)';
        case 'date': return 'a date (`YYYY-MM-DD`)';
    }
}

export function formatValue(v: Value): string {
    return v.text;
}

// The value terminals of the grammar (copis.langium: NUMBER, PERCENT, DURATION; money is a NUMBER and a
// currency name), for values written outside a .copis file: a CSV of actuals writes them the same way.
const NUMBER_TEXT = /^-?\d+(\.\d+)?$/;
const PERCENT_TEXT = /^-?\d+(\.\d+)?%$/;
const DURATION_TEXT = /^-?\d+(\.\d+)?[smhdw]$/;
const MONEY_TEXT = /^(-?\d+(?:\.\d+)?)[ \t]+([A-Za-z_][A-Za-z0-9_]*)$/;

/**
 * A value written as in a .copis file (`93.5%`, `38`, `4h`, `1450 EUR`), or undefined when it is
 * none of these. White space around it does not count. (A date is no KPI value.)
 */
export function parseValueText(input: string): Value | undefined {
    const text = input.trim();
    // The last character says which form to try (100,000 rows of actuals go through here).
    const last = text.charCodeAt(text.length - 1);
    if (last >= 48 && last <= 57) return NUMBER_TEXT.test(text) ? { form: 'number', value: Number(text), text } : undefined;
    if (last === 37) return PERCENT_TEXT.test(text) ? { form: 'percent', value: Number(text.slice(0, -1)), text } : undefined;
    if (DURATION_TEXT.test(text)) {
        const unit = text.slice(-1) as DurationUnit;
        const value = Number(text.slice(0, -1));
        return { form: 'duration', value, unit, seconds: value * SECONDS[unit], text };
    }
    const money = MONEY_TEXT.exec(text);
    if (money) return { form: 'money', value: Number(money[1]), currency: money[2], text: `${Number(money[1])} ${money[2]}` };
    return undefined;
}
