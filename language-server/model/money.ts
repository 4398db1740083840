/** An amount in one currency. Amounts in different currencies are never added up. */
export interface Money {
    currency: string;
    amount: number;
}

/** Rounded to cents, so that sums are the same wherever they are made (and read well in JSON). */
export function cents(n: number): number {
    return Math.round(n * 100) / 100;
}

/** Adds `more` into `into`, currency by currency; the result is sorted by currency. */
export function addMoney(into: readonly Money[], more: readonly Money[]): Money[] {
    const byCurrency = new Map(into.map(m => [m.currency, m.amount]));
    for (const m of more) byCurrency.set(m.currency, (byCurrency.get(m.currency) ?? 0) + m.amount);
    return [...byCurrency].map(([currency, amount]) => ({ currency, amount: cents(amount) })).sort((a, b) => a.currency < b.currency ? -1 : a.currency > b.currency ? 1 : 0);
}

export function scaleMoney(money: readonly Money[], factor: number): Money[] {
    return money.map(m => ({ currency: m.currency, amount: cents(m.amount * factor) }));
}

/** `12,000` or `1,234.5`: digits grouped by thousands, at most two decimals. */
export function formatNumber(n: number): string {
    const rounded = cents(n);
    const [whole, fraction] = Math.abs(rounded).toFixed(2).split('.');
    const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
    const decimals = fraction.replace(/0+$/, '');
    return `${rounded < 0 ? '-' : ''}${grouped}${decimals ? `.${decimals}` : ''}`;
}

/** `54,000 EUR`; several currencies as `54,000 EUR + 1,200 USD`; none as `0`. */
export function formatMoney(money: readonly Money[]): string {
    return money.length === 0 ? '0' : money.map(m => `${formatNumber(m.amount)} ${m.currency}`).join(' + ');
}

/**
 * `43.7M`, `150k`, `9,500`: a number as a glance reads it (a portfolio cell), three figures at most
 * from 10,000 up; the exact amount goes beside it (a tooltip).
 */
export function formatCompactNumber(n: number): string {
    const abs = Math.abs(n);
    if (abs < 10_000) return formatNumber(n);
    const units: Array<[number, string]> = [[1e3, 'k'], [1e6, 'M'], [1e9, 'B'], [1e12, 'T']];
    for (let i = 0; i < units.length; i++) {
        const [size, suffix] = units[i];
        const scaled = abs / size;
        const digits = scaled < 100 ? 1 : 0;
        const rounded = Math.round(scaled * 10 ** digits) / 10 ** digits;
        if (rounded < 1000 || i === units.length - 1) return `${n < 0 ? '-' : ''}${rounded}${suffix}`;
    }
    return formatNumber(n);
}

/** `43.7M EUR + 1.2M USD`: formatMoney at a glance. */
export function formatMoneyCompact(money: readonly Money[]): string {
    return money.length === 0 ? '0' : money.map(m => `${formatCompactNumber(m.amount)} ${m.currency}`).join(' + ');
}
