import {
    AstUtils, GrammarAST, GrammarUtils, interruptAndCheck, isReference, URI, type AstNode, type AstReflection, type LangiumDocument, type LangiumDocuments,
    type Reference
} from 'langium';
import type { RenameProvider } from 'langium/lsp';
import { CancellationToken, LSPErrorCodes, ResponseError, type RenameParams, type TextDocumentPositionParams, type WorkspaceEdit } from 'vscode-languageserver';
import { TextEdit, type Range } from 'vscode-languageserver-types';
import * as ast from '../generated/ast.js';
import { article, enclosingJourney, journeyMembers, kindOf } from '../references/declarations.js';
import type { Actuals } from '../actuals/actuals-service.js';
import type { WorkspaceFacts } from '../validation/workspace-facts.js';
import { lastParsed } from '../parser/last-parsed.js';
import type { CopisLspServices } from './copis-lsp-services.js';
import { nameAt, nameNodeOf, nameParts, qualifierOf } from './symbols/name-at.js';

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Rename across the workspace.
 * - The declaration's name and every reference to it change. In a qualified reference
 *   `Journey.Name`, only the part that names the renamed declaration changes: renaming a
 *   journey member changes `Name`; renaming a journey (or a top-level objective, which
 *   qualifies its KPIs) changes the `Journey.` prefix of references to its members.
 * - On the qualifier of `Journey.Name`, the journey is renamed.
 * - A new name is refused (ResponseError, shown by the editor) when it is not an identifier,
 *   is a reserved word, clashes with a declaration of the same scope (top level: the whole
 *   workspace; journey members: the journey), or would silently change what an existing
 *   reference resolves to (a journey member hiding a top-level declaration a reference there
 *   uses, or the reverse).
 * - The rows of the KPI actuals files (language §7) that name a renamed KPI, or a KPI of a renamed
 *   journey or top-level objective (`Journey.Kpi`), are rewritten too: left alone, they would name
 *   no KPI (`actuals-unknown-kpi`) and the KPI would lose its actuals.
 * `prepareRename` gives the range of the name part under the cursor, or null where nothing
 * can be renamed (keywords, values, unresolved references).
 */
export class CopisRenameProvider implements RenameProvider {
    private readonly documents: LangiumDocuments;
    private readonly reflection: AstReflection;
    private readonly facts: WorkspaceFacts;
    private readonly actuals: Actuals;
    private readonly nameRegexp: RegExp;
    private readonly reserved: ReadonlySet<string>;

    constructor(services: CopisLspServices) {
        this.documents = services.shared.workspace.LangiumDocuments;
        this.reflection = services.shared.AstReflection;
        this.facts = services.validation.WorkspaceFacts;
        this.actuals = services.validation.Actuals;
        this.nameRegexp = services.parser.GrammarConfig.nameRegexp;
        this.reserved = reservedWords(services.Grammar);
    }

    prepareRename(document: LangiumDocument, params: TextDocumentPositionParams): Range | undefined {
        return nameAt(document, document.textDocument.offsetAt(params.position), this.nameRegexp)?.range;
    }

    async rename(document: LangiumDocument, params: RenameParams, cancelToken = CancellationToken.None): Promise<WorkspaceEdit | undefined> {
        const found = nameAt(document, document.textDocument.offsetAt(params.position), this.nameRegexp);
        if (!found) return undefined;
        this.checkParses(document);
        const target = found.target;
        const newName = params.newName;
        this.checkNewName(target, newName);
        const changes: Record<string, TextEdit[]> = {};
        const edit = (uri: string, range: Range) => (changes[uri] ??= []).push(TextEdit.replace(range, newName));
        const nameNode = nameNodeOf(target);
        if (nameNode) edit(AstUtils.getDocument(target).uri.toString(), nameNode.range);
        for (const doc of this.documents.all) {
            await interruptAndCheck(cancelToken);
            for (const reference of doc.references) {
                if (!isReference(reference) || !reference.$refNode || !ast.isDeclaration(reference.ref)) continue;
                const parts = nameParts(reference.$refNode);
                if (parts.length === 0) continue;
                if (reference.ref === target) {
                    edit(doc.uri.toString(), parts[parts.length - 1].range);
                } else if (parts.length === 2 && parts[0].text === target.name && qualifierOf(reference.ref) === target) {
                    edit(doc.uri.toString(), parts[0].range);
                }
            }
        }
        for (const row of this.actuals.rowsNaming(renamedKpis(target))) {
            (changes[row.uri] ??= []).push(TextEdit.replace(row.range, rowName(row.name, target, newName)));
        }
        for (const uri of Object.keys(changes)) {
            const touched = this.documents.getDocument(URI.parse(uri));
            if (touched) this.checkParses(touched);
        }
        return { changes };
    }

    /**
     * Refuses while a file the rename starts in or would edit does not parse: the other files see
     * its last version that parsed (parser/last-parsed.ts), whose positions are not those of its
     * text now, and an edit there could land anywhere.
     */
    private checkParses(document: LangiumDocument): void {
        if (!lastParsed(document)) return;
        throw refuse(`\`${document.uri.path.split('/').pop()}\` has a syntax error; fix it, then rename (until it parses, the other files see its last version that did).`);
    }

    /** Throws a ResponseError that says why `newName` cannot be given to `target`. */
    private checkNewName(target: ast.Declaration, newName: string): void {
        if (!IDENTIFIER.test(newName)) {
            throw refuse(`\`${newName}\` is not a valid name: a name starts with a letter or \`_\` and has only letters, digits and \`_\`.`);
        }
        if (this.reserved.has(newName)) {
            throw refuse(`\`${newName}\` is a keyword of the language and cannot be a name; choose another name.`);
        }
        if (newName === target.name) return;
        const journey = enclosingJourney(target.$container);
        if (journey) {
            const clash = [...journeyMembers(journey)].find(m => m !== target && m.name === newName);
            if (clash) {
                throw refuse(`\`${newName}\` is already declared in journey \`${journey.name}\` as ${article(kindOf(clash))} (${where(clash)}); choose another name.`);
            }
        } else {
            const clash = this.facts.get(target).topLevel.get(newName)?.find(e => e.node !== target)?.node;
            if (clash) {
                throw refuse(`\`${newName}\` is already declared as ${article(kindOf(clash))} (${where(clash)}); choose another name.`);
            }
        }
        const capture = this.capturedReference(target, newName, journey);
        if (capture) throw refuse(capture);
    }

    /**
     * Inside a journey, a simple name means the journey's own member first, then a top-level
     * declaration. Says what would change meaning if `target` were called `newName`.
     */
    private capturedReference(target: ast.Declaration, newName: string, journey: ast.Journey | undefined): string | undefined {
        if (journey) {
            // A reference in the journey to a top-level `newName` that the renamed member would hide.
            const document = AstUtils.getDocument(journey);
            for (const reference of document.references) {
                if (!isReference(reference) || !reference.$refNode || !ast.isDeclaration(reference.ref)) continue;
                if (reference.$refText !== newName || enclosingJourney(reference.ref) === journey) continue;
                if (enclosingJourney(reference.$refNode.astNode) !== journey || !this.accepts(reference, target)) continue;
                return `Journey \`${journey.name}\` refers to the top-level ${kindOf(reference.ref)} \`${newName}\` (${where(reference.$refNode.astNode)}); ` +
                    `a ${kindOf(target)} called \`${newName}\` would hide it there. Choose another name.`;
            }
            return undefined;
        }
        // A reference to `target` by simple name inside a journey that has its own `newName`.
        for (const doc of this.documents.all) {
            for (const reference of doc.references) {
                if (!isReference(reference) || reference.ref !== target || !reference.$refNode || reference.$refText.includes('.')) continue;
                const inJourney = enclosingJourney(reference.$refNode.astNode);
                const own = inJourney && [...journeyMembers(inJourney)].find(m => m.name === newName && this.accepts(reference, m));
                if (inJourney && own) {
                    return `In journey \`${inJourney.name}\`, \`${newName}\` is its own ${kindOf(own)} (${where(own)}); ` +
                        `the reference to ${kindOf(target)} \`${target.name}\` there (${where(reference.$refNode.astNode)}) would point to it. Choose another name.`;
                }
            }
        }
        return undefined;
    }

    /** Whether `reference` may resolve to `node` (its property expects that kind). */
    private accepts(reference: Reference, node: ast.Declaration): boolean {
        const container = reference.$refNode?.astNode;
        const property = reference.$refNode && GrammarUtils.findAssignment(reference.$refNode)?.feature;
        if (!container || !property) return false;
        return this.reflection.isSubtype(node.$type, this.reflection.getReferenceType({ reference, container, property }));
    }
}

/** The KPIs whose name in an actuals row (`Journey.Kpi`, `Objective.Kpi`) renaming `target` changes. */
function renamedKpis(target: ast.Declaration): Set<ast.Kpi> {
    if (ast.isKpi(target)) return new Set([target]);
    if (ast.isJourney(target)) return new Set(target.objectives.flatMap(o => o.kpis));
    // A top-level objective qualifies its KPIs; one in a journey does not (its journey does).
    if (ast.isObjective(target) && !enclosingJourney(target.$container)) return new Set(target.kpis);
    return new Set();
}

/** A row's KPI name with `target` renamed: the last part for a KPI, the qualifier for what qualifies it. */
function rowName(name: string, target: ast.Declaration, newName: string): string {
    const dot = name.lastIndexOf('.');
    return ast.isKpi(target) ? `${name.slice(0, dot + 1)}${newName}` : `${newName}${name.slice(dot)}`;
}

function refuse(message: string): ResponseError<void> {
    return new ResponseError(LSPErrorCodes.RequestFailed, message);
}

function where(node: AstNode): string {
    const document = AstUtils.getDocument(node);
    const line = (node.$cstNode?.range.start.line ?? 0) + 1;
    return `${document.uri.path.split('/').pop()}, line ${line}`;
}

/** Keywords that cannot be names: every word of the grammar except those the `NameKeyword` rule accepts (enum values). */
export function reservedWords(grammar: GrammarAST.Grammar): Set<string> {
    const words = (root: GrammarAST.Grammar | GrammarAST.AbstractRule) =>
        AstUtils.streamAllContents(root).filter(GrammarAST.isKeyword).map(k => k.value).filter(w => IDENTIFIER.test(w)).toSet();
    const nameRule = grammar.rules.find(r => GrammarAST.isParserRule(r) && r.name === 'NameKeyword');
    const allowed = nameRule ? words(nameRule) : new Set<string>();
    return new Set([...words(grammar)].filter(w => !allowed.has(w)));
}
