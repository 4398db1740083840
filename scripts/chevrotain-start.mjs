// A change to chevrotain 13's lexer as it is bundled, for every start: the table from a character code to its
// "optimized index" (65,536 entries) is filled by ranges, not one entry at a time. The one-at-a-time loop runs once,
// so in V8's interpreter: 7 million instructions, 2-3 ms of every `copis validate` and of the language server's start
// (docs/performance.md, "Starting copis"). The table is the same (test/scripts/chevrotain-start.test.ts). Should
// chevrotain's text change, the build fails here, saying so: then look again whether the change is still needed.
import { readFile } from 'node:fs/promises';

const LOOP = `        for (let i = 0; i < 65536; i++) {
            charCodeToOptimizedIdxMap[i] = i > 255 ? 255 + ~~(i / 255) : i;
        }`;

// 0-255 map to themselves; from 256 on, each run of codes with the same `~~(i / 255)` gets `255 + ~~(i / 255)`.
const BY_RANGES = `        for (let i = 0; i < 256; i++) {
            charCodeToOptimizedIdxMap[i] = i;
        }
        for (let start = 256; start < 65536;) {
            const index = 255 + ~~(start / 255);
            const end = Math.min(65536, (index - 254) * 255);
            charCodeToOptimizedIdxMap.fill(index, start, end);
            start = end;
        }`;

/** chevrotain's lexer.js, `text`, with its table filled by ranges; throws when the loop is not there as expected. */
export function patchedLexerText(text, file = 'chevrotain/lib/src/scan/lexer.js') {
    if (text.split(LOOP).length !== 2) {
        throw new Error(`scripts/chevrotain-start.mjs: ${file} no longer has the loop it changes (another chevrotain?); check whether the change is still needed, and update or remove it`);
    }
    return text.replace(LOOP, BY_RANGES);
}

/** The esbuild plugin. */
export const chevrotainStart = {
    name: 'chevrotain-start',
    setup(build) {
        build.onLoad({ filter: /[\\/]node_modules[\\/]chevrotain[\\/]lib[\\/]src[\\/]scan[\\/]lexer\.js$/ }, async args => ({
            contents: patchedLexerText(await readFile(args.path, 'utf8'), args.path),
            loader: 'js'
        }));
    }
};
