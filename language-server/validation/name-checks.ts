import { AstUtils, type ValidationAcceptor } from 'langium';
import * as ast from '../generated/ast.js';
import { article, journeyMembers, kindOf } from '../references/declarations.js';
import { report } from './codes.js';
import type { WorkspaceFacts } from './workspace-facts.js';

function where(node: ast.Declaration, fromUri: string): string {
    const uri = AstUtils.getDocument(node).uri;
    const line = (node.$cstNode?.range.start.line ?? 0) + 1;
    const file = uri.toString() === fromUri ? '' : `${uri.path.split('/').pop()}:`;
    return file ? `${file}${line}` : `line ${line}`;
}

/** Top-level `duplicate-name` across the workspace: reported on every declaration after the first. */
export function checkTopLevelNames(model: ast.Model, accept: ValidationAcceptor, facts: WorkspaceFacts): void {
    const topLevel = facts.get(model).topLevel;
    const uri = AstUtils.getDocument(model).uri.toString();
    const check = (node: ast.Declaration) => {
        if (!node.name) return;
        const entries = topLevel.get(node.name);
        if (!entries || entries.length < 2 || entries[0].node === node) return;
        const first = entries[0].node;
        report(accept, 'duplicate-name',
            `\`${node.name}\` is already declared as ${article(kindOf(first))} (at ${where(first, uri)}); rename one of them.`,
            { node, property: 'name' });
    };
    for (const element of model.elements) {
        check(element);
        if (ast.isObjective(element)) element.kpis.forEach(check);
    }
}

/** Journey `duplicate-name` and `shadowed-name`. */
export function checkJourneyNames(journey: ast.Journey, accept: ValidationAcceptor, facts: WorkspaceFacts): void {
    const topLevel = facts.get(journey).topLevel;
    const uri = AstUtils.getDocument(journey).uri.toString();
    const firsts = new Map<string, ast.Declaration>();
    for (const member of journeyMembers(journey)) {
        if (!member.name) continue;
        const first = firsts.get(member.name);
        if (first) {
            report(accept, 'duplicate-name',
                `\`${member.name}\` is already declared in journey \`${journey.name}\` as ${article(kindOf(first))} (at ${where(first, uri)}); rename one of them.`,
                { node: member, property: 'name' });
            continue;
        }
        firsts.set(member.name, member);
        const hidden = topLevel.get(member.name)?.[0]?.node;
        if (hidden) {
            report(accept, 'shadowed-name',
                `${capitalise(kindOf(member))} \`${member.name}\` hides the top-level ${kindOf(hidden)} \`${member.name}\` inside journey \`${journey.name}\`; rename it to keep both reachable.`,
                { node: member, property: 'name' });
        }
    }
}

function capitalise(s: string): string {
    return s.charAt(0).toUpperCase() + s.slice(1);
}
