import type { AstNode, MultiReference, Reference } from 'langium';
import type { Diagnostic } from 'vscode-languageserver-types';
import * as ast from '../../language-server/generated/ast.js';
import { diagnose, loadWorkspace, withCode } from '../helpers.js';

/**
 * 1-based line and column of the `occurrence`-th (1-based) occurrence of `needle` in `text`.
 * With a RegExp, of its first capture group when it has one (e.g. `/ (0)\s/` finds a `0` standing alone).
 */
export function pos(text: string, needle: string | RegExp, occurrence = 1): { line: number; column: number } {
    let index = -1;
    if (typeof needle === 'string') {
        for (let i = 0; i < occurrence; i++) {
            index = text.indexOf(needle, index + 1);
            if (index < 0) throw new Error(`\`${needle}\` (occurrence ${occurrence}) not found in the test text`);
        }
    } else {
        const re = new RegExp(needle.source, needle.flags.includes('g') ? needle.flags : needle.flags + 'g');
        let match: RegExpExecArray | null = null;
        for (let i = 0; i < occurrence; i++) {
            match = re.exec(text);
            if (!match) throw new Error(`${needle} (occurrence ${occurrence}) not found in the test text`);
        }
        index = match!.index + (match![1] !== undefined ? match![0].indexOf(match![1]) : 0);
    }
    const before = text.slice(0, index);
    const line = before.split('\n').length;
    const column = index - before.lastIndexOf('\n');
    return { line, column };
}

/** The diagnostics of `code` in main.copis, as `withCode` gives them. */
export async function diag(text: string, code: string, others: Record<string, string> = {}) {
    return withCode(await diagnose(text, others), code);
}

/** `code: message` of every diagnostic, for readable failure output. */
export function summary(diagnostics: Diagnostic[]): string[] {
    return diagnostics.map(d => `${d.range.start.line + 1}:${d.range.start.character + 1} ${String(d.code)}: ${d.message}`);
}

/** The codes of the errors and warnings (not information) among `diagnostics`. */
export function problems(diagnostics: Diagnostic[]): string[] {
    return summary(diagnostics.filter(d => d.severity === 1 || d.severity === 2));
}

/** Parses (and links) `text` as `file:///test/main.copis` without validating it. */
export async function parse(text: string, others: Record<string, string> = {}) {
    const sources = [{ uri: 'file:///test/main.copis', text }, ...Object.entries(others).map(([name, t]) => ({ uri: `file:///test/${name}`, text: t }))];
    const { documents, services } = await loadWorkspace(sources, { validate: false });
    const document = documents[0];
    return {
        document,
        documents,
        services,
        model: document.parseResult.value as ast.Model,
        lexerErrors: document.parseResult.lexerErrors,
        parserErrors: document.parseResult.parserErrors
    };
}

/** The first journey of a parsed model. */
export function journeyOf(model: ast.Model, name?: string): ast.Journey {
    const journey = model.elements.find((e): e is ast.Journey => ast.isJourney(e) && (name === undefined || e.name === name));
    if (!journey) throw new Error(`no journey ${name ?? ''} in the test text`);
    return journey;
}

/** The declaration a (single) reference resolves to. */
export function targetOf(reference: Reference | MultiReference): AstNode | undefined {
    return 'ref' in reference ? reference.ref : undefined;
}
