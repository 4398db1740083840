import { Cancellation, DefaultDocumentValidator, interruptAndCheck, type AstNode, type LangiumDocument, type ValidationAcceptor, type ValidationOptions } from 'langium';
import type { AstReflection, ParseResult } from 'langium';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { CopisServices } from '../copis-module.js';
import type { CopisScopeProvider } from '../references/copis-scope-provider.js';
import * as ast from '../generated/ast.js';
import { describeReferenceType, kindOf, article, journeyMembers } from '../references/declarations.js';
import { SEVERITY, type Code } from './codes.js';
import { closestName } from './did-you-mean.js';

/**
 * Gives lexer and parser errors the `syntax` code, and turns Langium's linking errors into
 * `wrong-kind` (the name exists, as another kind) or `unresolved-reference` with a suggestion.
 */
export class CopisDocumentValidator extends DefaultDocumentValidator {
    private readonly scopes: CopisScopeProvider;
    private readonly astReflection: AstReflection;

    constructor(services: CopisServices) {
        super(services);
        this.scopes = services.references.ScopeProvider as CopisScopeProvider;
        this.astReflection = services.shared.AstReflection;
    }

    /**
     * Checks are registered on the model and on declarations only (register.ts), and all are
     * synchronous: so visit just those nodes, without awaiting per node as Langium's default
     * walk does (a generic walk over every property and value node, a microtask per node),
     * still letting an edit cancel the walk every few hundred declarations.
     */
    protected override async validateAstNodes(rootNode: AstNode, options: ValidationOptions, acceptor: ValidationAcceptor, cancelToken = Cancellation.CancellationToken.None): Promise<void> {
        let count = 0;
        for (const node of checkedNodes(rootNode as ast.Model)) {
            if (++count % 500 === 0) await interruptAndCheck(cancelToken);
            for (const check of this.validationRegistry.getChecks(node.$type, options.categories)) {
                const result = check(node, acceptor, cancelToken);
                if (result) await result;
            }
        }
    }

    protected override processLexingErrors(parseResult: ParseResult, diagnostics: Diagnostic[], options: ValidationOptions): void {
        const own: Diagnostic[] = [];
        super.processLexingErrors(parseResult, own, options);
        for (const d of own) {
            const text = /unexpected character: ->(.)<-/.exec(String(d.message))?.[1];
            const message = text === '"'
                ? 'Unterminated string: close it with `"` on the same line.'
                : text !== undefined
                    ? `Unexpected character \`${text}\`; it has no meaning in a .copis file.`
                    : d.message;
            diagnostics.push(withCode({ ...d, message }, 'syntax'));
        }
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
function* checkedNodes(model: ast.Model): Generator<AstNode> {
    yield model;
    for (const element of model.elements ?? []) {
        yield element;
        if (ast.isObjective(element)) yield* element.kpis;
        else if (ast.isJourney(element)) yield* journeyMembers(element);
    }
}
