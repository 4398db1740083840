/**
 * The weights of §7 of the language reference ("Value at stake"): how much a moment's impact or a
 * pain's severity counts of what is at risk there, and how much work an opportunity's effort is.
 */
export const IMPACT_WEIGHT: Readonly<Record<string, number>> = { low: 0.25, medium: 0.5, high: 0.75, critical: 1 };
export const EFFORT_WEIGHT: Readonly<Record<string, number>> = { low: 1, medium: 2, high: 4 };
/** An opportunity without `confidence` is taken as a coin toss (§7). */
export const DEFAULT_CONFIDENCE = 50;
/** A touchpoint without `reach` is passed by all of its customers (§7). */
export const DEFAULT_REACH = 100;
