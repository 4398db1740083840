/**
 * The figures of value-at-stake.ts as a reader reads them, in plain text, the same in the hover,
 * the code lens, the exports and the report: each figure with the inputs that make it, so that a
 * reader can check the sum, and what is missing. Names and currency codes only come from the model
 * (identifiers and three capital letters): nothing here needs escaping, but each format escapes
 * what it writes all the same.
 */
import type { OpportunityValue, UnknownInput, ValueAtRisk, ValueTerm } from './journey-model.js';
import { plural } from './labels.js';
import { formatMoney, formatNumber } from './money.js';

/** `Shopper: 12,000 × 1,450 EUR × 40% = 6,960,000 EUR` */
export function termText(t: ValueTerm): string {
    return `${t.customer}: ${formatNumber(t.count)} × ${formatNumber(t.clv.amount)} ${t.clv.currency} × ${formatNumber(t.reach)}% = ${formatMoney([t.amount])}`;
}

/** `7,320,000 EUR + 400,000 USD`, or `unknown` when no term is known. */
export function figureText(v: ValueAtRisk): string {
    return v.total.length > 0 ? formatMoney(v.total) : 'unknown';
}

/** The figure, then one line per term and one per missing input. */
export function figureLines(label: string, v: ValueAtRisk): string[] {
    const unknown = v.unknown.length > 0 && v.total.length > 0 ? ` (leaves out ${plural(v.unknown.length, 'missing input')})` : '';
    return [`${label}: ${figureText(v)}${unknown}`, ...v.terms.map(t => `- ${termText(t)}`), ...v.unknown.map(u => `- not counted: ${u.reason}`)];
}

/** `1 of 6`, or `1 of 3 in EUR, 2 of 2 in USD` when it is ranked in several currencies. */
export function rankText(value: OpportunityValue): string | undefined {
    const rank = value.rank;
    if (!rank || rank.length === 0) return undefined;
    if (rank.length === 1) return `${rank[0].rank} of ${rank[0].of}`;
    return rank.map(r => `${r.rank} of ${r.of} in ${r.currency}`).join(', ');
}

/** The code lens of an opportunity: `priority 1 of 6 · 54,000 EUR at risk addressed`. */
export function opportunityLens(value: OpportunityValue, status: string | undefined): string {
    const rank = rankText(value);
    const head = status === 'done' ? 'done'
        : rank ? `priority ${rank}`
        : !value.priority ? 'no priority: no effort given'
        : 'no priority: nothing known at risk';
    const atRisk = value.atRisk.length > 0 ? `${formatMoney(value.atRisk)} at risk addressed` : 'no value at risk known';
    const missing = value.unknown.filter(u => u.missing !== 'effort').length;
    return [head, atRisk, missing > 0 ? plural(missing, 'input missing', 'inputs missing') : ''].filter(Boolean).join(' · ');
}

/** The lines of an opportunity's figures, for the hover and the reports. */
export function opportunityLines(value: OpportunityValue): string[] {
    const lines = [`Value: ${value.value.length > 0 ? formatMoney(value.value) : 'unknown'}`];
    for (const t of value.terms) lines.push(`- ${t.addresses} (${t.of}): ${formatMoney(t.atRisk)} at risk × ${t.weight} (${t.of === 'moment' ? 'impact' : 'severity'} ${t.level}) = ${formatMoney(t.value)}`);
    const confidence = `${formatNumber(value.confidence)}%`;
    lines.push(value.priority && value.effortWeight !== undefined
        ? `Priority: ${formatMoney(value.priority)} = value × ${confidence} confidence ÷ ${value.effortWeight} (effort)${rankText(value) ? ` · rank ${rankText(value)}` : ''}`
        : 'Priority: unknown (no effort given)');
    lines.push(...value.unknown.filter(u => u.missing !== 'effort').map(u => `- not counted: ${u.reason}`));
    return lines;
}

export function unknownText(u: UnknownInput): string {
    return u.reason;
}
