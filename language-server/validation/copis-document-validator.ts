import { Cancellation, DefaultDocumentValidator, interruptAndCheck, type AstNode, type LangiumDocument, type ValidationAcceptor, type ValidationOptions } from 'langium';
import type { AstReflection, ParseResult, ValidationCheck } from 'langium';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { CopisServices } from '../copis-module.js';
import type { CopisScopeProvider } from '../references/copis-scope-provider.js';
import * as ast from '../generated/ast.js';
import { describeReferenceType, kindOf, article, journeyMembers } from '../references/declarations.js';
import { SEVERITY, type Code } from './codes.js';
import { closestName } from './did-you-mean.js';
import { lexicalMessages, quoteCharacter } from './syntax-messages.js';
import { ABSENCE_CODES, hasOwnSyntaxError } from './broken-declarations.js';

/**
 * Gives lexer and parser errors the `syntax` code, and turns Langium's linking errors into
 * `wrong-kind` (the name exists, as another kind) or `unresolved-reference` with a suggestion.
 */
export class CopisDocumentValidator extends DefaultDocumentValidator {
    private readonly scopes: CopisScopeProvider;
    private readonly astReflection: AstReflection;
    private readonly checks = new Map<string, ValidationCheck[]>();

    constructor(services: CopisServices) {
        super(services);
        this.scopes = services.references.ScopeProvider as CopisScopeProvider;
        this.astReflection = services.shared.AstReflection;
    }

    /**
     * Checks are registered on the model and on declarations only (register.ts), and all are
     * synchronous: so visit just those nodes, without awaiting per node as Langium's default
     * walk does (a generic walk over every property and value node, a microtask per node),
     * still letting an edit cancel the walk every hundred declarations (a file of thousands of
     * declarations otherwise held back the next keystroke by tens of milliseconds).
     */
    protected override async validateAstNodes(rootNode: AstNode, options: ValidationOptions, acceptor: ValidationAcceptor, cancelToken = Cancellation.CancellationToken.None): Promise<void> {
        const nodes = checkedNodes(rootNode as ast.Model);
        const parsed = rootNode.$document?.parseResult;
        // A declaration whose text does not parse: its "missing" rules stay silent (broken-declarations.ts).
        if (parsed && (parsed.lexerErrors.length > 0 || parsed.parserErrors.length > 0)) {
            const accept = acceptor;
            acceptor = (severity, message, info) => {
                if (ABSENCE_CODES.has(info.code as Code) && hasOwnSyntaxError(info.node)) return;
                accept(severity, message, info);
            };
        }
        for (let i = 0; i < nodes.length; i++) {
            if (i % 100 === 99) await interruptAndCheck(cancelToken);
            for (const check of this.checksFor(nodes[i].$type, options.categories)) {
                const result = check(nodes[i], acceptor, cancelToken);
                if (result) await result;
            }
        }
    }

    /** The registry's checks per type, listed once (the registry builds a stream per node otherwise). */
    private checksFor(type: string, categories: ValidationOptions['categories']): ValidationCheck[] {
        const key = categories ? `${type}|${categories.join(',')}` : type;
        let checks = this.checks.get(key);
        if (!checks) this.checks.set(key, checks = this.validationRegistry.getChecks(type, categories).toArray());
        return checks;
    }

    protected override processLexingErrors(parseResult: ParseResult, diagnostics: Diagnostic[], options: ValidationOptions): void {
        const own: Diagnostic[] = [];
        super.processLexingErrors(parseResult, own, options);
        // In the order Langium made them, from the lexer's errors and then its report.
        const sources: Array<{ offset?: number }> = [...parseResult.lexerErrors, ...(parseResult.lexerReport?.diagnostics ?? [])];
        const text = parseResult.value.$cstNode?.root.fullText ?? '';
        own.forEach((d, i) => {
            let character = /unexpected character: ->(.)<-/su.exec(String(d.message))?.[1];
            // The lexer quotes one UTF-16 unit: half of an emoji. Quote the whole character.
            const offset = sources[i]?.offset;
            if (character !== undefined && offset !== undefined && offset < text.length) character = String.fromCodePoint(text.codePointAt(offset)!);
            const message = character === '"'
                ? lexicalMessages.unterminatedString()
                : character === "'" && offset !== undefined
                    ? lexicalMessages.singleQuotes(text.slice(offset, text.indexOf("'", offset + 1) + 1))
                    : character === '#'
                        ? lexicalMessages.hashComment()
                        : character !== undefined
                            ? `Unexpected character ${quoteCharacter(character)}; it has no meaning in a .copis file.`
                            : d.message;
            diagnostics.push(withCode({ ...d, message }, 'syntax'));
        });
    }

    protected override processParsingErrors(parseResult: ParseResult, diagnostics: Diagnostic[], options: ValidationOptions): void {
        const own: Diagnostic[] = [];
        super.processParsingErrors(parseResult, own, options);
        // Chevrotain's recovery can report the same spot twice; one root cause, one diagnostic.
        const seen = new Set<string>();
        for (const d of own) {
            const key = `${d.range.start.line}:${d.range.start.character}`;
            if (seen.has(key)) continue;
            seen.add(key);
            diagnostics.push(withCode(d, 'syntax'));
        }
    }

    protected override processLinkingErrors(document: LangiumDocument, diagnostics: Diagnostic[], _options: ValidationOptions): void {
        for (const reference of document.references) {
            const error = reference.error;
            if (!error) continue;
            const refText = reference.$refText;
            // An empty name comes from parser recovery: the syntax error already says it.
            if (!refText) continue;
            const container = error.info.container as { key?: string } & typeof error.info.container;
            const property = container.key ?? error.info.property;
            const expectedType = this.astReflection.getReferenceType(error.info);
            const range = reference.$refNode?.range;
            if (!range) continue;

            const other = this.scopes.getScopeForType(error.info.container, 'Declaration').getElement(refText);
            if (other) {
                const otherKind = other.node ? kindOf(other.node) : kindOfDescriptionType(other.type);
                diagnostics.push(this.diagnostic('wrong-kind', range,
                    `\`${refText}\` is ${article(otherKind)}; \`${property}\` expects ${describeReferenceType(expectedType)}.`,
                    { expected: expectedType, actual: other.type }));
                continue;
            }
            const names = this.scopes.getScopeForType(error.info.container, expectedType).getAllElements().map(d => d.name);
            const suggestion = closestName(refText, names);
            const message = suggestion
                ? `\`${refText}\` is not declared; did you mean \`${suggestion}\`?`
                : `\`${refText}\` is not declared: \`${property}\` expects ${describeReferenceType(expectedType)}; declare it or correct the name.`;
            diagnostics.push(this.diagnostic('unresolved-reference', range, message,
                suggestion ? { suggestion, expected: expectedType } : { expected: expectedType }));
        }
    }

    private diagnostic(code: Code, range: Diagnostic['range'], message: string, data: Record<string, unknown>): Diagnostic {
        return withCode({ range, message, severity: 1, source: this.getSource() }, code, data);
    }
}

function withCode(d: Diagnostic, code: Code, data: Record<string, unknown> = {}): Diagnostic {
    return { ...d, severity: SEVERITY[code] === 'error' ? 1 : SEVERITY[code] === 'warning' ? 2 : 3, code, data: { code, ...data } };
}

function kindOfDescriptionType(type: string): string {
    return kindOf({ $type: type } as never);
}

/** The model and every declaration in it, in document order: the nodes checks are registered on. */
function checkedNodes(model: ast.Model): AstNode[] {
    const nodes: AstNode[] = [model];
    for (const element of model.elements ?? []) {
        nodes.push(element);
        if (ast.isObjective(element)) nodes.push(...element.kpis);
        else if (ast.isJourney(element)) nodes.push(...journeyMembers(element));
    }
    return nodes;
}
