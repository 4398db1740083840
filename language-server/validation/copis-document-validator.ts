import { Cancellation, DefaultDocumentValidator, interruptAndCheck, type AstNode, type DiagnosticInfo, type LangiumDocument, type ValidationAcceptor, type ValidationOptions, type ValidationSeverity } from 'langium';
import type { ModelRoots } from '../workspace/model-roots.js';
import { CstUtils, type AstReflection, type ParseResult, type ValidationCheck } from 'langium';
import type { IRecognitionException } from 'chevrotain';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { CopisServices } from '../copis-module.js';
import type { CopisScopeProvider } from '../references/copis-scope-provider.js';
import type { CopisLinkingError } from '../references/reference-status.js';
import * as ast from '../generated/ast.js';
import { describeReferenceType, kindOf, article, journeyMembers } from '../references/declarations.js';
import { SEVERITY, type Code } from './codes.js';
import { closestName } from './did-you-mean.js';
import { applyRuleSettings } from './rule-settings.js';
import { applySuppressions, findSuppressions } from './suppressions.js';
import { doesNotParse } from '../parser/last-parsed.js';
import { UNTERMINATED_COMMENT } from '../parser/copis-lexer.js';
import { lexicalMessages, quoteCharacter, unclosedBraceMessage, UNCLOSED_AT_END } from './syntax-messages.js';
import { unclosedBrace } from '../parser/unclosed-brace.js';
import { diagnosticRange } from './diagnostic-range.js';

/**
 * Gives lexer and parser errors the `syntax` code, and turns Langium's linking errors into
 * `wrong-kind` (the name exists, as another kind) or `unresolved-reference` with a suggestion.
 * Then the suppression comments and the model root's `rules` have their say.
 *
 * A file that does not parse gets its syntax errors only. The other rules would judge the
 * fragments the parser guessed at — a journey cut off at the error, a property read as a
 * declaration — and one typo gave several errors (§6: one root cause, one diagnostic); they come
 * back as soon as the file parses. (Meanwhile the rest of the workspace sees the file's last
 * version that parsed: parser/last-parsed.ts.)
 */
export class CopisDocumentValidator extends DefaultDocumentValidator {
    private readonly scopes: CopisScopeProvider;
    private readonly astReflection: AstReflection;
    private readonly roots: ModelRoots;
    private readonly checks = new Map<string, ValidationCheck[]>();
    /** The checks' diagnostics of a document, from `validateAst` to `validateDocument` (see there). */
    private readonly checked = new WeakMap<AstNode, Diagnostic[]>();

    constructor(services: CopisServices) {
        super(services);
        this.scopes = services.references.ScopeProvider as CopisScopeProvider;
        this.astReflection = services.shared.AstReflection;
        this.roots = services.shared.workspace.ModelRoots;
    }

    /**
     * Langium adds the checks' diagnostics to the document's with one `push(...all)`: past about 120,000
     * (a 10 MB file of declarations) the call overflows the stack, Langium logs the RangeError and drops
     * every one of them — `copis validate` then said "no problems". They are added one by one here.
     * Then the suppression comments and the model root's rule severities apply.
     */
    override async validateDocument(document: LangiumDocument, options: ValidationOptions = {}, cancelToken = Cancellation.CancellationToken.None): Promise<Diagnostic[]> {
        if (doesNotParse(document.parseResult)) {
            // Its syntax errors only (see the class): no check, no suppression, no severity from the config (`syntax` is fixed).
            const errors: Diagnostic[] = [];
            await interruptAndCheck(cancelToken);
            if (!options.categories || options.categories.includes('built-in')) {
                this.processLexingErrors(document.parseResult, errors, options);
                this.processParsingErrors(document.parseResult, errors, options);
            }
            return errors;
        }
        const diagnostics = await super.validateDocument(document, options, cancelToken);
        const root = document.parseResult.value;
        for (const d of this.checked.get(root) ?? []) diagnostics.push(d);
        this.checked.delete(root);
        const suppressed = applySuppressions(diagnostics, findSuppressions(document.textDocument.getText()), this.getSource());
        return applyRuleSettings(suppressed, this.roots.rootOf(document.uri).config.rules);
    }

    protected override async validateAst(rootNode: AstNode, options: ValidationOptions, cancelToken = Cancellation.CancellationToken.None): Promise<Diagnostic[]> {
        this.checked.set(rootNode, await super.validateAst(rootNode, options, cancelToken));
        return [];
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
        // A comment never closed is the rest of the file: the blocks it swallowed the end of are its doing, not errors of their own.
        const swallowed = parseResult.lexerErrors.some(e => e.message === UNTERMINATED_COMMENT);
        const parserErrors = (swallowed ? parseResult.parserErrors.filter(e => e.token.tokenType?.name !== 'EOF') : parseResult.parserErrors)
            .map(e => e.token.tokenType?.name === 'EOF' && e.message === UNCLOSED_AT_END ? atUnclosedBrace(parseResult, e) : e);
        super.processParsingErrors({ ...parseResult, parserErrors }, own, options);
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

            // The linker remembered what the name names instead (CopisLinker); Langium's own errors did not.
            const other = (error as CopisLinkingError).otherKind ?? this.scopes.getScopeForType(error.info.container, 'Declaration').getElement(refText);
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

    /** Langium's diagnostic, its range found with a property's node found faster (diagnostic-range.ts). */
    protected override toDiagnostic<N extends AstNode>(severity: ValidationSeverity, message: string, info: DiagnosticInfo<N, string>): Diagnostic {
        return super.toDiagnostic(severity, message, info.range ? info : { ...info, range: diagnosticRange(info) });
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

/**
 * The end of the file, reached inside a block: the error goes to the `{` that is never closed
 * (parser/unclosed-brace.ts), named by its declaration, instead of to the end of the file.
 */
function atUnclosedBrace(parseResult: ParseResult, error: IRecognitionException): IRecognitionException {
    const root = parseResult.value.$cstNode?.root;
    if (!root) return error;
    const braces = CstUtils.flattenCst(root).filter(n => !n.hidden && (n.tokenType.name === '{' || n.tokenType.name === '}'))
        // (A `{` put back by lexical-repair.ts has no place in the text.)
        .filter(n => Number.isFinite(n.offset) && n.length > 0).toArray();
    const index = unclosedBrace(root.fullText, braces.map(b => ({ open: b.tokenType.name === '{', line: b.range.start.line, character: b.range.start.character })));
    if (index === undefined) return error;
    const brace = braces[index];
    const node = brace.astNode;
    const name = (node as { name?: unknown }).name;
    const message = unclosedBraceMessage(node === parseResult.value ? undefined : kindOf(node), typeof name === 'string' && name ? name : undefined);
    const { start, end } = brace.range;
    const token = {
        ...error.token, image: '{', tokenType: brace.tokenType, startOffset: brace.offset, endOffset: brace.end - 1,
        startLine: start.line + 1, startColumn: start.character + 1, endLine: end.line + 1, endColumn: end.character
    };
    return { ...error, message, token };
}
