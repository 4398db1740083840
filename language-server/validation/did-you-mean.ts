/**
 * Edit distance where swapping two neighbouring letters counts as one edit, as a slip of the
 * fingers does (`hihg` → `high`: one edit, not two), bounded: returns `limit + 1` as soon as the
 * distance exceeds `limit`. (Optimal string alignment: no substring is edited twice.)
 */
export function editDistance(a: string, b: string, limit: number): number {
    if (Math.abs(a.length - b.length) > limit) return limit + 1;
    let before: number[] = [];
    let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
    let prevMin = 0;
    for (let i = 1; i <= a.length; i++) {
        const cur = [i];
        let rowMin = i;
        for (let j = 1; j <= b.length; j++) {
            const cost = a[i - 1] === b[j - 1] ? 0 : 1;
            cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
            if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) cur[j] = Math.min(cur[j], before[j - 2] + 1);
            rowMin = Math.min(rowMin, cur[j]);
        }
        // A row derives from the two above it: past the limit once both are.
        if (rowMin > limit && prevMin > limit) return limit + 1;
        before = prev;
        prev = cur;
        prevMin = rowMin;
    }
    return Math.min(prev[b.length], limit + 1);
}

/**
 * The candidate closest to `name`, if it is close enough to be a likely typo:
 * a case-only difference, or an edit distance within a third of the name's length (at least 1, at most 3).
 * A qualified candidate (`Journey.Pay`) is compared by its last part when `name` is simple, so a
 * member of another journey is suggested with the qualified name that reaches it.
 */
export function closestName(name: string, candidates: Iterable<string>): string | undefined {
    const limit = Math.min(3, Math.max(1, Math.floor(name.length / 3)));
    let best: string | undefined;
    let bestDistance = limit + 1;
    const lower = name.toLowerCase();
    const simple = !name.includes('.');
    for (const candidate of candidates) {
        if (candidate === name) continue;
        const compared = simple ? candidate.slice(candidate.lastIndexOf('.') + 1) : candidate;
        // Exact simple-name match of a qualified candidate: the best suggestion there is (after a case fix).
        const d = compared === name ? 0.25 : compared.toLowerCase() === lower ? 0.5 : editDistance(name, compared, limit);
        if (d < bestDistance || (d === bestDistance && best !== undefined && preferred(candidate, best))) {
            best = candidate;
            bestDistance = d;
        }
    }
    return best;
}

/** On a tie, the shorter (less qualified) name, then the alphabetically first. */
function preferred(a: string, b: string): boolean {
    const dots = (s: string) => s.split('.').length;
    return dots(a) !== dots(b) ? dots(a) < dots(b) : a < b;
}
