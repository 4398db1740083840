import { InvalidArgumentError } from 'commander';
import { isAsOfDate } from '../../language-server/validation/as-of.js';

/** `--as-of YYYY-MM-DD` (validate, export): the date `kpi-overdue` judges a KPI's `due` by; default today. */
export function parseAsOf(value: string): string {
    if (!isAsOfDate(value)) throw new InvalidArgumentError('Expected a real date written YYYY-MM-DD, e.g. 2026-12-31.');
    return value;
}
