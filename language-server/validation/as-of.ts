import { isRealDate } from '../model/values.js';

/**
 * The date that `kpi-overdue` judges a KPI's `due` by: today, unless one was set (`copis validate
 * --as-of`, or a test, which then never depends on the day it runs). "Today" is read at each
 * validation, in the machine's time zone, so a language server left running stays current.
 */
export class AsOfDate {
    private fixed: string | undefined;

    constructor(date?: string) {
        this.set(date);
    }

    /** A `YYYY-MM-DD` date to judge by, or undefined for today. Throws on anything else. */
    set(date: string | undefined): void {
        if (date !== undefined && !isAsOfDate(date)) throw new Error(`not a date: ${JSON.stringify(date)}; write YYYY-MM-DD, e.g. 2026-12-31`);
        this.fixed = date;
    }

    get(): string {
        return this.fixed ?? localDate(new Date());
    }
}

/** Whether `text` is a real calendar date written `YYYY-MM-DD`. */
export function isAsOfDate(text: string): boolean {
    return isRealDate(text);
}

/** `YYYY-MM-DD` of `date` in the machine's time zone (what "today" means to the person at it). */
export function localDate(date: Date): string {
    const pad = (n: number) => String(n).padStart(2, '0');
    return `${String(date.getFullYear()).padStart(4, '0')}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}
