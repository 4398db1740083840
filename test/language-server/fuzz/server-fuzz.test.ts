/**
 * "The server never crashes or hangs on any text." Mutated example models (spans deleted,
 * duplicated or moved; keywords, punctuation, numbers and hostile unicode inserted; truncated;
 * braces and quotes unbalanced; 10,000 nested braces and other pathological shapes) are built
 * (parse, link, validate) and then get every request an editor sends. A case fails on an
 * exception, on anything Langium logs (it logs the exceptions it swallows in linking and
 * validation), on a diagnostic without one of the documented codes, and on any range outside
 * the document. In workspaces edited as in the editor (a mutated example beside the other
 * files of its folder; generated valid models that refer to each other), every file's
 * diagnostics after each incremental build must also equal those of a build from scratch.
 * The per-case fast-check timeout only detects hangs; speed is never asserted.
 */
import { URI, type LangiumDocument } from 'langium';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { editableLspServices } from '../lsp/lsp-workspace.js';
import { lastParsed } from '../../../language-server/parser/last-parsed.js';
import { exampleWorkspaces, fuzzParameters, testTimeout } from './corpus.js';
import { build, checkDiagnostics, createServices, exercise, remove, watchConsole } from './lsp-harness.js';
import { generatedModel } from './generated-models.js';
import { applyMutations, caseText, fraction, mutatedCase, mutation, shapeText, type Shape } from './mutations.js';

/** A hang detector, not a speed limit: no case comes anywhere near it. */
const HANG_MS = 30_000;

const positions = fc.array(fraction, { minLength: 1, maxLength: 4 });

/** The offsets at `fractions` of the text, the end of the word at or after each (where completion is asked most), and the end. */
function offsetsIn(text: string, fractions: number[]): number[] {
    const offsets = fractions.map(f => Math.floor(f * (text.length + 1)));
    const wordEnds = offsets.map(o => {
        const word = /[\w.-]*[\w]/y;
        let at = o;
        while (at < text.length && !/\w/.test(text[at])) at++;
        word.lastIndex = at;
        return word.exec(text) ? word.lastIndex : text.length;
    });
    return [...new Set([...offsets, ...wordEnds, text.length])];
}

describe('the server never crashes or hangs on any text', () => {
    const services = createServices();

    test('mutated examples: build, diagnostics inside the document, every request', async () => {
        await fc.assert(fc.asyncProperty(mutatedCase, positions, fc.tuple(fraction, fraction), async (c, at, range) => {
            const text = caseText(c);
            await watchConsole(async () => {
                const docs = await build(services, [['main.copis', text]]);
                try {
                    checkDiagnostics(docs[0]);
                    await exercise(services, docs[0], offsetsIn(text, at), [Math.floor(range[0] * text.length), Math.floor(range[1] * text.length)]);
                } finally {
                    await remove(services, docs);
                }
            });
        }), fuzzParameters(2, { timeout: HANG_MS }));
    }, testTimeout(60_000));

    // The pathological shapes at full size, every run (the property above meets them only now and then).
    const shapes: Shape[] = [
        { shape: 'nested-braces', depth: 10_000, closed: true },
        { shape: 'nested-braces', depth: 10_000, closed: false },
        { shape: 'nested-declarations', depth: 1000 },
        { shape: 'long-qualified-name', length: 10_000 },
        { shape: 'long-list', length: 2000 },
        { shape: 'long-line', length: 100_000 },
        { shape: 'many-comments', count: 2000, closed: true },
        { shape: 'many-comments', count: 2000, closed: false },
        { shape: 'repeated-keyword', keyword: 'journey', count: 2000 },
        { shape: 'repeated-keyword', keyword: '{', count: 10_000 },
        { shape: 'unterminated-string', length: 50_000 },
        { shape: 'long-string', length: 5_000_000 },
        { shape: 'unterminated-comment', length: 5_000_000 }
    ];
    test.each(shapes.map(s => [JSON.stringify(s), s] as const))('pathological text %s', async (_name, s) => {
        const text = shapeText(s);
        await watchConsole(async () => {
            const docs = await build(services, [['main.copis', text]]);
            try {
                checkDiagnostics(docs[0]);
                await exercise(services, docs[0], offsetsIn(text, [0.1, 0.5, 0.9]), [0, text.length]);
            } finally {
                await remove(services, docs);
            }
        });
    }, HANG_MS);

    test('a mutated file beside unmutated example files, edited several times (incremental builds)', async () => {
        const session = fc.record({
            workspace: fc.integer({ min: 0, max: exampleWorkspaces.length - 1 }),
            file: fc.nat(),
            edits: fc.array(fc.array(mutation, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 3 }),
            at: positions
        });
        await fc.assert(fc.asyncProperty(session, async ({ workspace, file, edits, at }) => {
            const files = exampleWorkspaces[workspace];
            const target = files[file % files.length];
            const ws = await editableWorkspace(Object.fromEntries(files.map(f => [f.name, f.text])));
            let text = target.text;
            for (const mutations of edits) {
                text = applyMutations(text, mutations);
                await watchConsole(async () => {
                    await ws.edit(target.name, text);
                    for (const doc of ws.docs()) checkDiagnostics(doc);
                    // The incremental build agrees with a build from scratch, in every file.
                    await agreesWithFreshBuild(ws);
                    const mutated = ws.doc(target.name);
                    await exercise(ws.services, mutated, offsetsIn(text, at), [0, text.length]);
                    const other = ws.docs().find(d => d !== mutated)!;
                    const otherText = other.textDocument.getText();
                    await exercise(ws.services, other, offsetsIn(otherText, at), [0, otherText.length]);
                });
            }
        }), fuzzParameters(0.15, { timeout: HANG_MS }));
    }, testTimeout(60_000));

    test('generated workspaces of valid models that refer to each other, one file edited (incremental builds)', async () => {
        const session = fc.record({
            files: fc.array(generatedModel, { minLength: 1, maxLength: 3 }),
            edited: fc.nat(),
            edits: fc.array(generatedModel, { minLength: 1, maxLength: 2 }),
            at: positions
        });
        await fc.assert(fc.asyncProperty(session, async ({ files, edited, edits, at }) => {
            const names = files.map((_, i) => `m${i}.copis`);
            const ws = await editableWorkspace(Object.fromEntries(files.map((text, i) => [names[i], text])));
            const target = names[edited % names.length];
            for (const text of [files[edited % files.length], ...edits]) {
                await watchConsole(async () => {
                    if (text !== ws.texts.get(`file:///ws/${target}`)) await ws.edit(target, text);
                    for (const doc of ws.docs()) checkDiagnostics(doc);
                    await agreesWithFreshBuild(ws);
                    for (const doc of ws.docs()) {
                        const docText = doc.textDocument.getText();
                        await exercise(ws.services, doc, offsetsIn(docText, at), [0, docText.length]);
                    }
                });
            }
        }), fuzzParameters(0.3, { timeout: HANG_MS }));
    }, testTimeout(60_000));
});

/** A workspace whose files can be edited as in the editor: Langium's incremental update, then the re-validation it schedules. */
async function editableWorkspace(files: Record<string, string>) {
    const ws = editableLspServices(files, { settleTimeout: HANG_MS });
    await ws.build();
    return ws;
}

/**
 * Every file's diagnostics equal those of a build from scratch. A file that does not parse shows
 * its syntax errors, those of its text; the others see its last version that parsed (language
 * reference §6), so they are compared with a build from scratch in which it has that text.
 */
async function agreesWithFreshBuild(ws: Awaited<ReturnType<typeof editableWorkspace>>): Promise<void> {
    const fresh = await freshDiagnostics(ws.texts);
    const seen = new Map(ws.texts);
    for (const doc of ws.docs()) {
        const held = lastParsed(doc)?.value.$cstNode?.root.fullText;
        if (held !== undefined) seen.set(doc.uri.toString(), held);
    }
    const asSeen = [...seen].some(([uri, text]) => ws.texts.get(uri) !== text) ? await freshDiagnostics(seen) : fresh;
    for (const doc of ws.docs()) {
        const expected = lastParsed(doc) ? fresh : asSeen;
        expect(normalized(doc.diagnostics ?? []), doc.uri.path).toEqual(expected.get(doc.uri.toString()));
    }
}

/** The diagnostics of the same texts built from scratch, by URI. */
async function freshDiagnostics(texts: Map<string, string>): Promise<Map<string, string[]>> {
    const services = createServices();
    const { shared } = services;
    const docs: LangiumDocument[] = [];
    for (const [uri, text] of texts) {
        const doc = shared.workspace.LangiumDocumentFactory.fromString(text, URI.parse(uri));
        shared.workspace.LangiumDocuments.addDocument(doc);
        docs.push(doc);
    }
    await shared.workspace.DocumentBuilder.build(docs, { validation: true });
    return new Map(docs.map(d => [d.uri.toString(), normalized(d.diagnostics ?? [])]));
}

function normalized(diagnostics: Array<{ code?: unknown; message: unknown; range: { start: { line: number; character: number }; end: { line: number; character: number } } }>): string[] {
    return diagnostics
        .map(d => `${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${String(d.code)} ${String(d.message)}`)
        .sort();
}
