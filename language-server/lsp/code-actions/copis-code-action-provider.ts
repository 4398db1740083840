import { CstUtils, GrammarUtils, type AstNode, type LangiumCoreServices, type LangiumDocument, type MaybePromise, type Reference } from 'langium';
import type { CodeActionProvider } from 'langium/lsp';
import { CodeActionKind, type CodeAction, type CodeActionParams, type Command, type Diagnostic, type TextEdit } from 'vscode-languageserver';
import * as ast from '../../generated/ast.js';
import { exampleTarget, kpiDirection } from '../../model/metrics.js';
import { quantityProp, textProp, type AnyProp } from '../../model/props.js';
import type { CopisScopeProvider } from '../../references/copis-scope-provider.js';
import { enclosingJourney, kindOfType } from '../../references/declarations.js';
import type { CopisDiagnosticData } from '../../validation/codes.js';
import { closestName } from '../../validation/did-you-mean.js';
import { TextEditor, addProperty, insertMember, membersOf, removeDeclaration } from './text-edits.js';

/** The placeholder owner a quick fix writes: easy to find, and obviously not a real team. */
export const OWNER_PLACEHOLDER = '"TODO"';

/** Where a new journey member goes: after the last member of its kind, else after the kinds that come before it. */
const JOURNEY_ORDER: string[] = [ast.CustomersProp.$type, ast.Objective.$type, ast.Process.$type, ast.Stage.$type, ast.Moment.$type, ast.Pain.$type, ast.Opportunity.$type];

/**
 * Quick fixes for the mechanical repairs of the language reference (§6): rename to the
 * suggested name, create a missing declaration, add a missing property, flip a target,
 * fix a percent written as a fraction, remove an unused declaration.
 */
export class CopisCodeActionProvider implements CodeActionProvider {
    private readonly scopes?: CopisScopeProvider;

    constructor(services?: LangiumCoreServices) {
        this.scopes = services?.references.ScopeProvider as CopisScopeProvider | undefined;
    }

    getCodeActions(document: LangiumDocument, params: CodeActionParams): MaybePromise<Array<Command | CodeAction> | undefined> {
        const editor = new TextEditor(document.textDocument);
        const actions: CodeAction[] = [];
        for (const diagnostic of params.context.diagnostics) {
            const fixes = new Fixes(document, editor, diagnostic, this.scopes);
            actions.push(...fixes.all());
        }
        return actions;
    }
}

class Fixes {
    private readonly data: Partial<CopisDiagnosticData>;
    private readonly uri: string;

    constructor(
        private readonly document: LangiumDocument,
        private readonly editor: TextEditor,
        private readonly diagnostic: Diagnostic,
        private readonly scopes: CopisScopeProvider | undefined
    ) {
        this.data = (diagnostic.data ?? {}) as Partial<CopisDiagnosticData>;
        this.uri = document.uri.toString();
    }

    all(): CodeAction[] {
        const code = this.data.code ?? this.diagnostic.code;
        const fixes: Array<CodeAction | undefined> = [];
        switch (code) {
            case 'unresolved-reference':
                fixes.push(this.replaceWithSuggestion(), this.createDeclaration());
                break;
            case 'wrong-kind':
                fixes.push(this.closestOfRightKind());
                break;
            case 'touchpoint-without-channel':
                fixes.push(this.addProperty(ast.isTouchpoint, 'channel web', 'first'));
                break;
            case 'process-without-owner':
                fixes.push(this.addProperty(ast.isProcess, `owner ${OWNER_PLACEHOLDER}`, 'first'));
                break;
            case 'kpi-without-target': {
                const kpi = this.declaration(ast.isKpi);
                if (kpi) fixes.push(this.addProperty(ast.isKpi, `target ${placeholderTarget(kpi)}`, 'last'));
                break;
            }
            case 'moment-without-touchpoint':
                fixes.push(this.addTouchpointToMoment());
                break;
            case 'target-direction':
                fixes.push(this.replaceDiagnosedText(), this.setBetter());
                break;
            case 'percent-looks-like-fraction':
                fixes.push(this.replaceDiagnosedText());
                break;
            case 'unused-declaration':
                fixes.push(this.removeUnused());
                break;
        }
        return fixes.filter((f): f is CodeAction => f !== undefined);
    }

    // ---- the fixes ----------------------------------------------------------------

    private replaceWithSuggestion(): CodeAction | undefined {
        const suggestion = this.data.suggestion;
        if (typeof suggestion !== 'string') return undefined;
        return this.fix(`Change to \`${suggestion}\``, [{ range: this.diagnostic.range, newText: suggestion }], true);
    }

    private createDeclaration(): CodeAction | undefined {
        const found = this.referenceAt();
        const expected = this.data.expected;
        if (!found || typeof expected !== 'string') return undefined;
        const name = found.reference.$refText;
        if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) return undefined;
        const journey = enclosingJourney(found.prop);
        const model = this.document.parseResult.value as ast.Model;
        const title = JSON.stringify(name);
        switch (expected) {
            case ast.Customer.$type:
                return this.createTopLevel(model, expected, `customer ${name} ${title}`);
            case ast.System.$type:
                return this.createTopLevel(model, expected, `system ${name} ${title}`);
            case ast.Information.$type:
                return this.createTopLevel(model, expected, `information ${name} ${title}`);
            case ast.Objective.$type:
                return journey
                    ? this.createInJourney(journey, expected, `objective ${name} ${title}`)
                    : this.createTopLevel(model, expected, `objective ${name} ${title}`);
            case ast.Process.$type: {
                const text = `process ${name} ${title} { owner ${OWNER_PLACEHOLDER} }`;
                return journey ? this.createInJourney(journey, expected, text) : this.createTopLevel(model, expected, text);
            }
            case ast.Touchpoint.$type:
            case ast.PainTarget.$type: {
                const stage = journey?.stages.filter(s => s.name).at(-1);
                if (!stage) return undefined;
                const anchor = stage.touchpoints.at(-1) ?? stage.props.at(-1);
                const edit = insertMember(this.editor, stage, anchor, `touchpoint ${name} ${title} { channel web }`);
                return edit && this.fix(`Create touchpoint \`${name}\` in stage \`${stage.name}\``, [edit]);
            }
            case ast.Kpi.$type: {
                const objective = journey?.objectives.filter(o => o.name).at(-1);
                if (!objective) return undefined;
                const edit = insertMember(this.editor, objective, membersOf(objective).at(-1), `kpi ${name} ${title} { metric percent  target >= 90% }`);
                return edit && this.fix(`Create KPI \`${name}\` in objective \`${objective.name}\``, [edit]);
            }
            case ast.Addressable.$type:
                return journey && this.createInJourney(journey, ast.Pain.$type, `pain ${name} ${title}`);
        }
        return undefined;
    }

    private createTopLevel(model: ast.Model, type: string, text: string): CodeAction | undefined {
        const editor = this.editor;
        const last = model.elements.filter(e => e.$type === type && e.$cstNode).at(-1);
        let edit: TextEdit;
        if (last?.$cstNode && editor.restOfLineIsFree(last.$cstNode.end)) {
            const at = editor.lineEnd(last.$cstNode.end);
            const multiLine = editor.text.slice(last.$cstNode.offset, last.$cstNode.end).includes('\n');
            edit = editor.edit(at, at, editor.eol + (multiLine ? editor.eol : '') + text);
        } else if (last?.$cstNode) {
            edit = editor.edit(last.$cstNode.end, editor.skipBlanks(last.$cstNode.end), editor.eol + text + editor.eol);
        } else {
            const end = editor.text.replace(/\s*$/, '').length;
            edit = editor.edit(end, editor.text.length, (end > 0 ? editor.eol + editor.eol : '') + text + editor.eol);
        }
        return this.fix(`Create ${kindOfType(type)} \`${text.split(' ')[1]}\``, [edit]);
    }

    private createInJourney(journey: ast.Journey, type: string, text: string): CodeAction | undefined {
        const members = membersOf(journey);
        let anchor: AstNode | undefined;
        for (let i = JOURNEY_ORDER.indexOf(type); i >= 0 && !anchor; i--) anchor = members.filter(m => m.$type === JOURNEY_ORDER[i]).at(-1);
        const edit = insertMember(this.editor, journey, anchor, text);
        return edit && this.fix(`Create ${kindOfType(type)} \`${text.split(' ')[1]}\` in journey \`${journey.name}\``, [edit]);
    }

    private closestOfRightKind(): CodeAction | undefined {
        const found = this.referenceAt();
        const expected = this.data.expected;
        if (!found || !this.scopes || typeof expected !== 'string') return undefined;
        const names = this.scopes.getScopeForType(found.prop, expected).getAllElements().map(d => d.name);
        const suggestion = closestName(found.reference.$refText, names);
        if (!suggestion) return undefined;
        return this.fix(`Change to \`${suggestion}\` (${kindOfType(expected)})`, [{ range: this.diagnostic.range, newText: suggestion }]);
    }

    private addProperty<T extends AstNode>(guard: (n: unknown) => n is T, property: string, position: 'first' | 'last'): CodeAction | undefined {
        const node = this.declaration(guard);
        const edit = node && addProperty(this.editor, node, property, position);
        return edit && this.fix(`Add \`${property}\``, [edit]);
    }

    private addTouchpointToMoment(): CodeAction | undefined {
        const moment = this.declaration(ast.isMoment);
        const journey = enclosingJourney(moment);
        const touchpoint = journey?.stages.flatMap(s => s.touchpoints).find(t => t.name);
        if (!moment || !touchpoint) return undefined;
        return this.addProperty(ast.isMoment, `at ${touchpoint.name}`, 'first');
    }

    private replaceDiagnosedText(): CodeAction | undefined {
        const replacement = this.data.replacement;
        if (typeof replacement !== 'string') return undefined;
        const current = this.editor.text.slice(this.editor.document.offsetAt(this.diagnostic.range.start), this.editor.document.offsetAt(this.diagnostic.range.end));
        return this.fix(`Change \`${current}\` to \`${replacement}\``, [{ range: this.diagnostic.range, newText: replacement }], true);
    }

    /** `target-direction` the other way round: the target is right, and the KPI is better the other way. */
    private setBetter(): CodeAction | undefined {
        const better = this.data.better;
        const kpi = this.declaration(ast.isKpi);
        if ((better !== 'higher' && better !== 'lower') || !kpi) return undefined;
        const given = kpi.props.find(ast.isBetterProp);
        const valueNode = given && GrammarUtils.findNodeForProperty(given.$cstNode, 'value');
        if (valueNode) {
            return this.fix(`Change \`better ${given.value}\` to \`better ${better}\``, [this.editor.edit(valueNode.offset, valueNode.end, better)]);
        }
        const edit = addProperty(this.editor, kpi, `better ${better}`, 'last');
        return edit && this.fix(`Add \`better ${better}\` (${better} is better for this KPI)`, [edit]);
    }

    private removeUnused(): CodeAction | undefined {
        const node = this.declaration(ast.isDeclaration);
        if (!node || (this.data.name !== undefined && node.name !== this.data.name)) return undefined;
        const edit = removeDeclaration(this.editor, node);
        return edit && this.fix(`Remove unused ${kindOfType(node.$type)} \`${node.name}\``, [edit]);
    }

    // ---- finding what the diagnostic is about --------------------------------------

    private fix(title: string, edits: TextEdit[], preferred = false): CodeAction {
        return {
            title,
            kind: CodeActionKind.QuickFix,
            diagnostics: [this.diagnostic],
            ...(preferred ? { isPreferred: true } : {}),
            edit: { changes: { [this.uri]: edits } }
        };
    }

    private leafAtDiagnostic() {
        const root = this.document.parseResult.value.$cstNode;
        return root && CstUtils.findLeafNodeAtOffset(root, this.editor.document.offsetAt(this.diagnostic.range.start));
    }

    /** The declaration whose name the diagnostic is on. */
    private declaration<T extends AstNode>(guard: (n: unknown) => n is T): T | undefined {
        let node: AstNode | undefined = this.leafAtDiagnostic()?.astNode;
        while (node && !ast.isDeclaration(node)) node = node.$container;
        return guard(node) ? node : undefined;
    }

    /** The reference the diagnostic is on, and the property that holds it. */
    private referenceAt(): { prop: AnyProp; reference: Reference } | undefined {
        const offset = this.editor.document.offsetAt(this.diagnostic.range.start);
        let node: AstNode | undefined = this.leafAtDiagnostic()?.astNode;
        while (node && !('key' in node)) node = node.$container;
        if (!node) return undefined;
        const prop = node as AnyProp;
        const references = [prop.ref, ...(prop.refs ?? [])].filter((r): r is Reference<ast.Declaration> => r !== undefined);
        const reference = references.find(r => r.$refNode && r.$refNode.offset <= offset && offset < r.$refNode.end);
        return reference && { prop, reference };
    }
}

/** A target that is valid for the KPI's metric and points the way the metric gets better. */
export function placeholderTarget(kpi: ast.Kpi): string {
    const current = quantityProp(kpi, 'current')?.value;
    const metric = textProp(kpi, 'metric');
    return exampleTarget(metric, current?.form === 'money' ? current.currency : undefined, kpiDirection(metric, textProp(kpi, 'better')));
}
