import { afterEach, describe, expect, test, vi } from 'vitest';
import { EmptyFileSystem, URI, type ValidationAcceptor } from 'langium';
import { createCopisCoreServices } from '../../../language-server/copis-module.js';
import type * as ast from '../../../language-server/generated/ast.js';

/** A workspace of one document whose systems get `check` on top of copis's own checks. */
async function validateWith(...checks: Array<(node: ast.System, accept: ValidationAcceptor) => unknown>) {
    const { shared, Copis } = createCopisCoreServices(EmptyFileSystem);
    Copis.validation.ValidationRegistry.register({ System: checks as never });
    const document = shared.workspace.LangiumDocumentFactory.fromString('system S "S" { owner "IT" }\nprocess P { owner "Ops"  systems S }\n', URI.parse('file:///test/registry.copis'));
    shared.workspace.LangiumDocuments.addDocument(document);
    await shared.workspace.DocumentBuilder.build([document], { validation: true });
    return document.diagnostics ?? [];
}

afterEach(() => vi.restoreAllMocks());

describe('checks are called without a promise each, failures handled as Langium does', () => {
    test('a registered check returns no promise: it has run, and reported, when the call returns', () => {
        const { Copis } = createCopisCoreServices(EmptyFileSystem);
        const seen: string[] = [];
        Copis.validation.ValidationRegistry.register({ System: (node: ast.System, accept: ValidationAcceptor) => accept('warning', `seen ${node.name}`, { node }) });
        const checks = Copis.validation.ValidationRegistry.getChecks('System').toArray();
        const result = checks[checks.length - 1]({ $type: 'System', name: 'S' } as never, (_severity, message) => seen.push(message), undefined as never);
        expect(result).toBeUndefined();
        expect(seen).toEqual(['seen S']);
    });

    test("a check's reports get their ranges and severities", async () => {
        const diagnostics = await validateWith((node, accept) => accept('warning', `seen ${node.name}`, { node, property: 'name' }));
        expect(diagnostics.filter(d => d.message === 'seen S')).toMatchObject([{ severity: 2, range: { start: { line: 0, character: 7 }, end: { line: 0, character: 8 } } }]);
    });

    test('a check that throws: logged, reported as an error on its node, and the other checks still run', async () => {
        const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
        const diagnostics = await validateWith(() => { throw new Error('boom'); }, (node, accept) => accept('info', `after ${node.name}`, { node }));
        expect(logged).toHaveBeenCalledWith('An error occurred during validation:', expect.any(Error));
        expect(diagnostics.filter(d => d.message === 'An error occurred during validation: boom')).toMatchObject([{ severity: 1, range: { start: { line: 0, character: 0 } } }]);
        expect(diagnostics.map(d => d.message)).toContain('after S');
    });

    test('a check that returns a rejected promise: awaited, and handled the same way', async () => {
        const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
        const diagnostics = await validateWith(async () => { await Promise.resolve(); throw new Error('later'); });
        expect(logged).toHaveBeenCalledWith('An error occurred during validation:', expect.any(Error));
        expect(diagnostics.map(d => d.message)).toContain('An error occurred during validation: later');
    });
});
