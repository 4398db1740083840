import {
    AstUtils, CstUtils, GrammarAST, GrammarUtils, isOperationCancelled, TextDocument, type AstNode, type AstNodeDescription, type CstNode, type LangiumDocument,
    type MaybePromise
} from 'langium';
import {
    DefaultCompletionProvider, type CompletionAcceptor, type CompletionContext, type CompletionProviderOptions, type NextFeature
} from 'langium/lsp';
import {
    CompletionItemKind, CompletionList, InsertTextFormat, type CancellationToken, type CompletionItem, type CompletionParams, type InsertReplaceEdit,
    type Position, type TextEdit
} from 'vscode-languageserver';
import * as ast from '../../generated/ast.js';
import { kpiDirection } from '../../model/metrics.js';
import { MOMENT_KIND_CATEGORIES } from '../../model/lifecycle.js';
import { propsOf, textProp, type AnyProp } from '../../model/props.js';
import type { CopisScopeProvider } from '../../references/copis-scope-provider.js';
import { enclosingJourney, kindOf } from '../../references/declarations.js';
import { COMPARATORS, DECLARATIONS, ENUM_RULES, ITEM_KINDS, PROPERTIES, enumDetail } from './completion-info.js';
import { declarationSnippets, type Snippet } from './snippets.js';
import { insideStringOrComment, qualifiedNameAt } from './text-scan.js';

/**
 * Completion that knows where the cursor is. Langium's completion parser says which grammar
 * features may come next; this provider turns them into what an analyst wants to see:
 * - property names valid in the declaration at the cursor, without those already given
 *   (list properties included: they are extended with commas, not repeated);
 * - enum values after their property (comparators after `target`), in the grammar's order;
 * - references of the kinds the property expects, journey-local names first, names of other
 *   journeys qualified (`Journey.Name`), top-level names from the whole workspace;
 * - declaration keywords with a snippet each, where that kind may be declared;
 * - nothing inside a string or a comment, and never an exception.
 */
export class CopisCompletionProvider extends DefaultCompletionProvider {
    override readonly completionOptions: CompletionProviderOptions = { triggerCharacters: ['.'] };
    private readonly enumValues = new Map<string, readonly string[]>();
    /** The Langium document of each text being completed, for `findFeaturesAt` (which only gets the text). */
    private readonly documentOfText = new WeakMap<TextDocument, LangiumDocument>();

    override async getCompletion(document: LangiumDocument, params: CompletionParams, cancelToken?: CancellationToken): Promise<CompletionList | undefined> {
        try {
            const text = document.textDocument.getText();
            if (insideStringOrComment(text, document.textDocument.offsetAt(params.position))) {
                return CompletionList.create([], false);
            }
            return await super.getCompletion(document, params, cancelToken);
        } catch (err) {
            if (isOperationCancelled(err)) throw err;
            console.error('copis: completion failed', err);
            return CompletionList.create([], true);
        }
    }

    /**
     * After a dot (`Journey.|`, `Journey.Na|`) Langium only sees the name fragment after it:
     * complete the whole qualified name as a reference from where it starts.
     */
    protected override *buildContexts(document: LangiumDocument, position: Position): IterableIterator<CompletionContext> {
        const textDocument = document.textDocument;
        this.documentOfText.set(textDocument, document);
        const offset = textDocument.offsetAt(position);
        const qualified = qualifiedNameAt(textDocument.getText(), offset);
        const cst = document.parseResult.value.$cstNode;
        if (qualified && cst) {
            yield {
                document, textDocument, offset, position,
                node: qualified.start > 0 ? CstUtils.findLeafNodeBeforeOffset(cst, qualified.start - 1)?.astNode : undefined,
                tokenOffset: qualified.start,
                tokenEndOffset: qualified.end,
                features: this.findFeaturesAt(textDocument, qualified.start)
            };
        }
        yield* super.buildContexts(document, position);
    }

    /**
     * What the grammar allows at `offset`, parsing from the start of the top-level declaration
     * around it instead of from the start of the file: what may follow depends on nothing before
     * it, and completion at the end of a long file stays as fast as at its start.
     */
    protected override findFeaturesAt(textDocument: TextDocument, offset: number): NextFeature[] {
        const start = this.topLevelStart(textDocument, offset);
        if (start <= 0) return super.findFeaturesAt(textDocument, offset);
        const text = textDocument.getText().slice(start, offset);
        return super.findFeaturesAt(TextDocument.create(textDocument.uri, textDocument.languageId, textDocument.version, text), text.length);
    }

    /** The start of the last top-level declaration that starts before `offset` (0 when none, or unknown). */
    private topLevelStart(textDocument: TextDocument, offset: number): number {
        const document = this.documentOfText.get(textDocument);
        if (!document || document.textDocument !== textDocument) return 0;
        const elements = (document.parseResult.value as ast.Model).elements ?? [];
        let low = 0;
        let high = elements.length - 1;
        let start = 0;
        while (low <= high) {
            const middle = (low + high) >> 1;
            const at = elements[middle].$cstNode?.offset;
            if (at === undefined) return 0;
            if (at < offset) {
                start = at;
                low = middle + 1;
            } else {
                high = middle - 1;
            }
        }
        return start;
    }

    protected override completionFor(context: CompletionContext, next: NextFeature, acceptor: CompletionAcceptor): MaybePromise<void> {
        if (GrammarAST.isCrossReference(next.feature)) {
            return this.completeReference(context, next as NextFeature<GrammarAST.CrossReference>, acceptor);
        }
        return super.completionFor(context, next, acceptor);
    }

    protected override completionForKeyword(context: CompletionContext, keyword: GrammarAST.Keyword, acceptor: CompletionAcceptor): MaybePromise<void> {
        const rule = AstUtils.getContainerOfType(keyword, GrammarAST.isParserRule);
        const ruleName = rule?.name ?? '';
        // Enum words are also names (`touchpoint email`): never offer them where a name goes.
        if (ruleName === 'Name' || ruleName === 'NameKeyword' || ruleName === 'QName') return;
        const order = this.featureIndex(context, keyword);
        if (ruleName === 'Comparator') {
            return this.completeComparator(context, keyword.value, order, acceptor);
        }
        if (ENUM_RULES.has(ruleName)) {
            return this.completeEnumValue(context, ruleName, keyword.value, order, acceptor);
        }
        const property = PROPERTIES[ruleName];
        const assignment = keyword.$container as AstNode | undefined;
        if (property && GrammarAST.isAssignment(assignment) && assignment.feature === 'key') {
            if (this.isAlreadyGiven(context, keyword.value)) return;
            const insertText = this.withSpace(context, keyword.value);
            acceptor(context, {
                label: keyword.value,
                kind: CompletionItemKind.Property,
                detail: `${keyword.value} ${property.takes}`,
                documentation: { kind: 'markdown', value: property.list ? `${property.doc}\n\nA comma-separated list: write \`${keyword.value}\` once.` : property.doc },
                insertText,
                command: property.picks && insertText.endsWith(' ') ? { title: 'Suggest', command: 'editor.action.triggerSuggest' } : undefined,
                sortText: `1${order}`
            });
            return;
        }
        const declaration = DECLARATIONS[ruleName];
        if (declaration && declaration.keyword === keyword.value) {
            acceptor(context, {
                label: keyword.value,
                kind: CompletionItemKind.Keyword,
                detail: `declare ${declaration.article}`,
                documentation: { kind: 'markdown', value: declaration.doc },
                insertText: this.withSpace(context, keyword.value),
                sortText: `2${order}a`
            });
            if (this.clientCapabilities?.completionItem?.snippetSupport !== false) {
                declarationSnippets(ruleName, r => this.valuesOf(r)).forEach((snippet, i) => acceptor(context, this.snippetItem(snippet, `2${order}b${i}`)));
            }
            return;
        }
        return super.completionForKeyword(context, keyword, acceptor);
    }

    // ---- properties ---------------------------------------------------------------

    /** Whether the declaration whose braces hold the cursor already has property `key` (other than the one being typed). */
    private isAlreadyGiven(context: CompletionContext, key: string): boolean {
        const declaration = this.enclosingBody(context);
        if (!declaration) return false;
        return propsOf(declaration).some(p => p.key === key && !covers(p.$cstNode, context.offset));
    }

    /** The innermost declaration whose `{ … }` contain the token being completed. */
    private enclosingBody(context: CompletionContext): AstNode | undefined {
        for (let node = context.node; node; node = node.$container) {
            if (ast.isDeclaration(node) && bodyContains(node, context.tokenOffset)) return node;
        }
        return undefined;
    }

    /**
     * The keyword with a space after it, so that the value can be typed (or picked) at once; without
     * it when the keyword is being typed in front of text on the same line (`ow| "IT"`).
     */
    private withSpace(context: CompletionContext, keyword: string): string {
        const rest = context.textDocument.getText().slice(context.tokenEndOffset, context.tokenEndOffset + 200);
        return /^[ \t]+[^\s}]/.test(rest) ? keyword : `${keyword} `;
    }

    // ---- values ---------------------------------------------------------------------

    private completeEnumValue(context: CompletionContext, rule: string, value: string, order: string, acceptor: CompletionAcceptor): void {
        const fits = rule === 'MomentKind' ? this.kindFitsStage(context, value) : undefined;
        acceptor(context, {
            label: value,
            kind: CompletionItemKind.EnumMember,
            detail: enumDetail(rule, value),
            documentation: fits ? { kind: 'markdown', value: `Fits the category of the touchpoint's stage (\`${fits}\`).` } : undefined,
            sortText: `${fits ? 0 : 1}${order}`
        });
    }

    /** For `kind` in a moment at a touchpoint of a categorised stage: that category, when `kind` belongs to it. */
    private kindFitsStage(context: CompletionContext, kind: string): string | undefined {
        const moment = AstUtils.getContainerOfType(context.node, ast.isMoment);
        const at = moment?.props.find(ast.isAtProp)?.ref?.ref;
        const stage = at?.$container;
        const category = stage ? textProp(stage, 'category') : undefined;
        return category && MOMENT_KIND_CATEGORIES[kind]?.includes(category) ? category : undefined;
    }

    private completeComparator(context: CompletionContext, op: string, order: string, acceptor: CompletionAcceptor): void {
        const kpi = AstUtils.getContainerOfType(context.node, ast.isKpi);
        const metric = kpi ? textProp(kpi, 'metric') : undefined;
        const better = kpi ? textProp(kpi, 'better') : undefined;
        const direction = kpiDirection(metric, better);
        const preferred = direction === 'higher' ? '>=' : direction === 'lower' ? '<=' : undefined;
        const why = better ? `better ${better}` : metric;
        acceptor(context, {
            label: op,
            kind: CompletionItemKind.Operator,
            detail: `${COMPARATORS[op] ?? op}${preferred === op ? ` · ${why}: ${direction} is better` : ''}`,
            insertText: this.withSpace(context, op),
            sortText: `${preferred === op ? 0 : 1}${order}`
        });
    }

    /** The values of an enumeration rule of the grammar, in order. */
    private valuesOf(rule: string): readonly string[] {
        let values = this.enumValues.get(rule);
        if (!values) {
            const parserRule = this.grammar.rules.find(r => r.name === rule);
            values = parserRule ? AstUtils.streamAllContents(parserRule).filter(GrammarAST.isKeyword).map(k => k.value).toArray() : [];
            this.enumValues.set(rule, values);
        }
        return values;
    }

    // ---- references -----------------------------------------------------------------

    /**
     * The candidates of the kinds the reference expects, from the scope provider (journey-local
     * names, then the workspace's, without `ThisJourney.Name` twins), each declaration once.
     */
    private completeReference(context: CompletionContext, next: NextFeature<GrammarAST.CrossReference>, acceptor: CompletionAcceptor): void {
        const type = next.feature.type.ref?.name;
        const container = context.node ?? context.document.parseResult.value;
        const scopes = this.scopeProvider as Partial<Pick<CopisScopeProvider, 'getScopeForType'>>;
        if (!type || !scopes.getScopeForType) return;
        const scope = scopes.getScopeForType(container, type);
        const typed = context.textDocument.getText().slice(context.tokenOffset, context.offset);
        const journey = enclosingJourney(container);
        const taken = this.alreadyReferenced(context, next.feature);
        const documentUri = context.document.uri.toString();
        const seen = new Set<string>();
        for (const candidate of scope.getAllElements()) {
            const uri = candidate.documentUri.toString();
            const id = `${uri}#${candidate.path}`;
            if (seen.has(id)) continue;
            seen.add(id);
            if (taken.has(candidate.name) || !this.matchesName(typed, candidate.name)) continue;
            acceptor(context, this.referenceItem(context, candidate, journey, uri === documentUri));
        }
    }

    /** Fuzzy match on the whole name, or (for `Journey.Name`, typing no dot) on its last part. */
    private matchesName(typed: string, name: string): boolean {
        if (this.fuzzyMatcher.match(typed, name)) return true;
        const dot = name.lastIndexOf('.');
        return dot >= 0 && !typed.includes('.') && this.fuzzyMatcher.match(typed, name.slice(dot + 1));
    }

    private referenceItem(context: CompletionContext, candidate: AstNodeDescription, journey: ast.Journey | undefined, sameDocument: boolean): CompletionValueItemWithEdit {
        const node = candidate.node;
        const kind = kindOf(node ?? { $type: candidate.type } as AstNode);
        const title = (node as { title?: string } | undefined)?.title;
        const local = node !== undefined && journey !== undefined && enclosingJourney(node) === journey;
        const group = local ? 0 : candidate.name.includes('.') ? 2 : 1;
        return {
            label: candidate.name,
            kind: ITEM_KINDS[candidate.type] ?? CompletionItemKind.Reference,
            detail: title ? `${kind} · ${title}` : kind,
            labelDetails: sameDocument ? undefined : { description: fileName(candidate.documentUri.path) },
            documentation: this.getReferenceDocumentation(candidate),
            sortText: `${group}${candidate.name}`,
            textEdit: this.editFor(context, candidate.name)
        };
    }

    /** The names already listed in the list property being completed (except the one at the cursor). */
    private alreadyReferenced(context: CompletionContext, crossReference: GrammarAST.CrossReference): Set<string> {
        const rule = AstUtils.getContainerOfType(crossReference, GrammarAST.isParserRule)?.name;
        const prop = AstUtils.getContainerOfType(context.node, (n): n is AnyProp => n.$type === rule) as AnyProp | undefined;
        const taken = new Set<string>();
        for (const ref of prop?.refs ?? []) {
            if (ref.$refText && !covers(ref.$refNode, context.offset)) taken.add(ref.$refText);
        }
        return taken;
    }

    /** The edit that puts `newText` over the token being completed (as Langium's own, without its fuzzy check). */
    private editFor(context: CompletionContext, newText: string): TextEdit | InsertReplaceEdit {
        const start = context.textDocument.positionAt(context.tokenOffset);
        if (this.clientCapabilities?.completionItem?.insertReplaceSupport) {
            return { newText, insert: { start, end: context.position }, replace: { start, end: context.textDocument.positionAt(context.tokenEndOffset) } };
        }
        return { newText, range: { start, end: context.position } };
    }

    // ---- helpers --------------------------------------------------------------------

    private snippetItem(snippet: Snippet, sortText: string): Partial<CompletionItem> & { label: string } {
        return {
            label: snippet.label,
            kind: CompletionItemKind.Snippet,
            detail: snippet.detail,
            documentation: { kind: 'markdown', value: '```copis\n' + previewOf(snippet.body) + '\n```' },
            insertText: snippet.body,
            insertTextFormat: InsertTextFormat.Snippet,
            sortText
        };
    }

    /** The position of `feature` among the context's features, so items keep the grammar's order. */
    private featureIndex(context: CompletionContext, feature: GrammarAST.AbstractElement): string {
        const index = context.features.findIndex(f => f.feature === feature);
        return String(index < 0 ? 999 : index).padStart(3, '0');
    }
}

type CompletionValueItemWithEdit = Partial<CompletionItem> & { label: string };

/** Whether `{ … }` of the declaration contain `offset` (an unclosed body runs to the end). */
function bodyContains(node: AstNode, offset: number): boolean {
    const open = GrammarUtils.findNodeForKeyword(node.$cstNode, '{');
    if (!open || offset < open.end) return false;
    const closes = GrammarUtils.findNodesForKeyword(node.$cstNode, '}');
    const close = closes[closes.length - 1];
    return !close || offset <= close.offset;
}

function covers(cst: CstNode | undefined, offset: number): boolean {
    return cst !== undefined && cst.offset <= offset && offset <= cst.end;
}

function fileName(path: string): string {
    return path.slice(path.lastIndexOf('/') + 1);
}

/** The snippet as it reads once inserted: placeholders and first choices, tab stops dropped. */
function previewOf(body: string): string {
    return body
        .replace(/\$\{\d+\|([^,|]*)[^}]*\}/g, '$1')
        .replace(/\$\{\d+:([^}]*)\}/g, '$1')
        .replace(/\$\d+/g, '')
        .replace(/\t/g, '  ');
}
