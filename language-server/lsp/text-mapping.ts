/**
 * Offsets of one text in another that differs from it by edits: the two share a prefix and a
 * suffix, and what lies between them is what changed. An offset in the shared parts has its
 * counterpart; one in the changed part has none. Pure: no editor, no tree.
 */
export interface TextChange {
    /** Length of the shared prefix. */
    readonly prefix: number;
    /** Length of the shared suffix (never overlapping the prefix in either text). */
    readonly suffix: number;
    readonly fromLength: number;
    readonly toLength: number;
}

export function textChange(from: string, to: string): TextChange {
    const shorter = Math.min(from.length, to.length);
    let prefix = 0;
    while (prefix < shorter && from.charCodeAt(prefix) === to.charCodeAt(prefix)) prefix++;
    let suffix = 0;
    while (suffix < shorter - prefix && from.charCodeAt(from.length - 1 - suffix) === to.charCodeAt(to.length - 1 - suffix)) suffix++;
    return { prefix, suffix, fromLength: from.length, toLength: to.length };
}

/** Where the character at `offset` of the first text is in the second, or undefined if it was replaced. */
export function mapOffset(change: TextChange, offset: number): number | undefined {
    if (offset < change.prefix) return offset;
    if (offset >= change.fromLength - change.suffix) return offset - change.fromLength + change.toLength;
    return undefined;
}

/** Whether the span [start, end] of the first text touches what changed (an end next to it included: a name typed on). */
export function touchesChange(change: TextChange, start: number, end: number): boolean {
    if (change.prefix === change.fromLength && change.fromLength === change.toLength) return false;
    return end >= change.prefix && start <= change.fromLength - change.suffix;
}

/** The same change, seen from the second text. */
export function reverse(change: TextChange): TextChange {
    return { prefix: change.prefix, suffix: change.suffix, fromLength: change.toLength, toLength: change.fromLength };
}
