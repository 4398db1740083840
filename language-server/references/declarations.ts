import type { AstNode } from 'langium';
import * as ast from '../generated/ast.js';

/**
 * Workspace order of files, by URI: which of two top-level declarations of one name is the
 * first (`duplicate-name` reports the others) and the one references resolve to.
 */
export function compareDocumentUris(a: string, b: string): number {
    return a.localeCompare(b);
}

/** The user-facing kind of a declaration, as written in `.copis` ("touchpoint", "kpi", ...). */
export function kindOf(node: AstNode): string {
    switch (node.$type) {
        case ast.Customer.$type: return 'customer';
        case ast.System.$type: return 'system';
        case ast.Information.$type: return 'information';
        case ast.Objective.$type: return 'objective';
        case ast.Kpi.$type: return 'kpi';
        case ast.Process.$type: return 'process';
        case ast.Journey.$type: return 'journey';
        case ast.Stage.$type: return 'stage';
        case ast.Touchpoint.$type: return 'touchpoint';
        case ast.Moment.$type: return 'moment of truth';
        case ast.Pain.$type: return 'pain';
        case ast.Opportunity.$type: return 'opportunity';
        default: return node.$type.toLowerCase();
    }
}

/** What a reference type accepts, for messages: "a touchpoint", "a touchpoint or stage". */
export function describeReferenceType(type: string): string {
    switch (type) {
        case ast.PainTarget.$type: return 'a touchpoint or stage';
        case ast.Addressable.$type: return 'a pain or moment of truth';
        case ast.Declaration.$type: return 'a declaration';
        default: return article(kindOfType(type));
    }
}

export function kindOfType(type: string): string {
    return kindOf({ $type: type } as AstNode);
}

export function article(kind: string): string {
    return /^[aeiou]/.test(kind) ? `an ${kind}` : `a ${kind}`;
}

/**
 * Every declaration nested inside a journey, at any depth, in document order. A list, not a generator:
 * the exports, the journey's index and the name rules each ask for every journey's, and a generator
 * (with one per `yield*`) made a result object per member and step.
 */
export function journeyMembers(journey: ast.Journey): ast.Declaration[] {
    const members: ast.Declaration[] = [];
    for (const objective of journey.objectives) {
        members.push(objective);
        pushAll(members, objective.kpis);
    }
    pushAll(members, journey.processes);
    for (const stage of journey.stages) {
        members.push(stage);
        pushAll(members, stage.touchpoints);
    }
    pushAll(members, journey.moments);
    pushAll(members, journey.pains);
    pushAll(members, journey.opportunities);
    return members;
}

function pushAll(to: ast.Declaration[], from: readonly ast.Declaration[]): void {
    for (let i = 0; i < from.length; i++) to.push(from[i]);
}

export function enclosingJourney(node: AstNode | undefined): ast.Journey | undefined {
    while (node) {
        if (ast.isJourney(node)) return node;
        node = node.$container;
    }
    return undefined;
}
