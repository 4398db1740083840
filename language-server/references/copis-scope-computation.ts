import { DefaultScopeComputation, MultiMap, interruptAndCheck, type AstNodeDescription, type LangiumDocument, type LocalSymbols } from 'langium';
import { CancellationToken } from 'vscode-languageserver';
import * as ast from '../generated/ast.js';
import { journeyMembers } from './declarations.js';
import { workspaceModel } from '../parser/last-parsed.js';

/**
 * What a document exports to the workspace (§5 of the language reference):
 * top-level declarations by name, journey members as `Journey.Name`, and the KPIs of a
 * top-level objective both by name and as `Objective.Kpi`.
 * Journey-local lookup by simple name is done by CopisScopeProvider from a hashed index,
 * so no local symbol streams are collected here.
 * A file that does not parse exports its last version that did (parser/last-parsed.ts).
 */
export class CopisScopeComputation extends DefaultScopeComputation {
    override async collectExportedSymbols(document: LangiumDocument, cancelToken = CancellationToken.None): Promise<AstNodeDescription[]> {
        const model = workspaceModel(document);
        const exports: AstNodeDescription[] = [];
        const describe = (node: ast.Declaration, name: string | undefined) => {
            if (name) exports.push(this.descriptions.createDescription(node, name, document));
        };
        for (const element of model.elements ?? []) {
            await interruptAndCheck(cancelToken);
            describe(element, element.name);
            if (ast.isObjective(element)) {
                for (const kpi of element.kpis) {
                    describe(kpi, kpi.name);
                    if (element.name && kpi.name) describe(kpi, `${element.name}.${kpi.name}`);
                }
            } else if (ast.isJourney(element) && element.name) {
                for (const member of journeyMembers(element)) {
                    if (member.name) describe(member, `${element.name}.${member.name}`);
                }
            }
        }
        return exports;
    }

    override async collectLocalSymbols(): Promise<LocalSymbols> {
        return new MultiMap();
    }
}
