// Two changes to chevrotain 13 as it is bundled, for every start (docs/performance.md, "Fourth round: the start" and
// "Fifth round: the start and the end"). Should chevrotain's text change, the build fails here, saying so: then look
// again whether each change is still needed.
//
// The lexer (lexer.js): the table from a character code to its "optimized index" (65,536 entries) is filled by ranges,
// not one entry at a time. The one-at-a-time loop runs once, so in V8's interpreter: 7 million instructions, 2-3 ms of
// every `copis validate` and of the language server's start. The table is the same (test/scripts/chevrotain-start.test.ts).
//
// The grammar recorder (gast_recorder.js): while the parser records its rules, the recording versions of CONSUME,
// SUBRULE, OR... (86 methods) live on an object put between the parser and its prototype, which is taken out again
// afterwards, instead of being set on the parser and deleted one by one. The parser is a prototype by then (chevrotain's
// `toFastProperties`), and each `delete` from a prototype makes V8 rebuild its properties: 23 million instructions at
// every start, and the parser V8 was left with made the parse of 10,000 declarations 75 million more. The rules
// recorded are the same (the test compares them), and afterwards the parser has the same own properties and prototype.
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

const RECORDER_ENABLE = `    enableRecording() {
        this.RECORDING_PHASE = true;
        this.TRACE_INIT("Enable Recording", () => {`;

const RECORDER_ENABLE_BY_PROTOTYPE = `    enableRecording() {
        this.RECORDING_PHASE = true;
        this.TRACE_INIT("Enable Recording", () => {
            // copis (scripts/chevrotain-start.mjs): on an object between the parser and its prototype, not on the parser.
            const recorder = Object.create(Object.getPrototypeOf(this));`;

const RECORDER_ASSIGNMENTS = [
    [/^( {16})this\[`/gm, '$1recorder[`', 8],
    [/^( {12})this\[`/gm, '$1recorder[`', 6],
    [/^( {12})this\.(ACTION|BACKTRACK|LA) = this\.\2_RECORD;$/gm, '$1recorder.$2 = recorder.$2_RECORD;', 3]
];

const RECORDER_LAST = `recorder.LA = recorder.LA_RECORD;`;

const RECORDER_DISABLE_START = `        this.TRACE_INIT("Deleting Recording methods", () => {
            const that = this;`;

const RECORDER_DISABLE_END = `            delete that.LA;
        });`;

const RECORDER_DISABLE_BY_PROTOTYPE = `        this.TRACE_INIT("Deleting Recording methods", () => {
            // copis (scripts/chevrotain-start.mjs): the recorder put in front by enableRecording is taken out.
            Object.setPrototypeOf(this, Object.getPrototypeOf(Object.getPrototypeOf(this)));
        });`;

/** chevrotain's gast_recorder.js, `text`, with the recording methods on a prototype of their own; throws when its text is not as expected. */
export function patchedRecorderText(text, file = 'chevrotain/lib/src/parse/parser/traits/gast_recorder.js') {
    const fail = () => {
        throw new Error(`scripts/chevrotain-start.mjs: ${file} no longer records as it changes it (another chevrotain?); check whether the change is still needed, and update or remove it`);
    };
    const enable = text.indexOf(RECORDER_ENABLE);
    const disable = text.indexOf('    disableRecording() {');
    const disableStart = text.indexOf(RECORDER_DISABLE_START, disable);
    const disableEnd = text.indexOf(RECORDER_DISABLE_END, disableStart);
    if (text.split(RECORDER_ENABLE).length !== 2 || disable < enable || disableStart < 0 || disableEnd < 0) fail();
    let recording = text.slice(enable + RECORDER_ENABLE.length, disable);
    for (const [pattern, replacement, count] of RECORDER_ASSIGNMENTS) {
        if ((recording.match(pattern) ?? []).length !== count) fail();
        recording = recording.replace(pattern, replacement);
    }
    // Nothing else in it may still set a property of the parser.
    if (/\bthis\s*\[|\bthis\.\w+\s*=[^=]/.test(recording) || recording.split(RECORDER_LAST).length !== 2) fail();
    recording = recording.replace(RECORDER_LAST, `${RECORDER_LAST}\n            Object.setPrototypeOf(this, recorder);`);
    return text.slice(0, enable) + RECORDER_ENABLE_BY_PROTOTYPE + recording + text.slice(disable, disableStart)
        + RECORDER_DISABLE_BY_PROTOTYPE + text.slice(disableEnd + RECORDER_DISABLE_END.length);
}

/** The esbuild plugin. */
export const chevrotainStart = {
    name: 'chevrotain-start',
    setup(build) {
        build.onLoad({ filter: /[\\/]node_modules[\\/]chevrotain[\\/]lib[\\/]src[\\/]scan[\\/]lexer\.js$/ }, async args => ({
            contents: patchedLexerText(await readFile(args.path, 'utf8'), args.path),
            loader: 'js'
        }));
        build.onLoad({ filter: /[\\/]node_modules[\\/]chevrotain[\\/]lib[\\/]src[\\/]parse[\\/]parser[\\/]traits[\\/]gast_recorder\.js$/ }, async args => ({
            contents: patchedRecorderText(await readFile(args.path, 'utf8'), args.path),
            loader: 'js'
        }));
    }
};
