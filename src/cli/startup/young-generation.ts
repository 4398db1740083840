import { setFlagsFromString } from 'node:v8';

/** V8's own growth factor of the young generation (`node --v8-options`), what the flags are at exit again. */
const V8_GROWTH_FACTOR = 2;

/**
 * Stops V8's young generation from growing any further in this process (`copis validate`'s). Its trees (the CST,
 * the AST, the references) all survive until it ends, and V8 grows the young generation while much survives: to 2 × 16 MB
 * for 10,000 declarations, pages that only make each collection touch more memory. Kept at the size the start
 * of copis leaves it (2 × 4 MB), `copis validate` of 10,000 declarations peaks at 140 MB instead of 158
 * (docs/performance.md). V8 reads its maximum size only when a process starts (`--max-semi-space-size`), but
 * the growth factor whenever it grows.
 *
 * V8's code cache records the flags it was made under, and dist/cli.cjs writes it when the process exits: made
 * under a changed factor, every cache would be refused by the next run (which starts with V8's). So the factor
 * is V8's again before anything else runs at exit.
 */
export function stopYoungGenerationGrowth(): void {
    setFlagsFromString('--semi-space-growth-factor=1');
    process.prependOnceListener('exit', () => setFlagsFromString(`--semi-space-growth-factor=${V8_GROWTH_FACTOR}`));
}
