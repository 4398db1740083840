import { AstUtils, type AstNode, type ParseResult } from 'langium';
import * as ast from '../generated/ast.js';
import type { Code } from './codes.js';

/**
 * Rules that say something is missing from a declaration. About a declaration whose own text
 * does not parse they stay silent: what they miss may be in the part that did not parse
 * (`chanel phone` is a syntax error, not also a touchpoint without a channel). One root cause,
 * one diagnostic (§6).
 */
export const ABSENCE_CODES: ReadonlySet<Code> = new Set<Code>([
    'journey-without-customers', 'journey-without-stages', 'journey-without-moments', 'stage-without-touchpoints',
    'touchpoint-without-channel', 'touchpoint-without-process', 'objective-without-kpi', 'kpi-without-target',
    'process-without-owner', 'personal-data-without-source', 'moment-without-touchpoint', 'critical-moment-unmeasured',
    'negative-moment-unaddressed', 'opportunity-addresses-nothing'
]);

const offsetsOf = new WeakMap<ParseResult, number[]>();

/** Where the document's syntax errors are (offsets, sorted). */
function errorOffsets(result: ParseResult): number[] {
    let offsets = offsetsOf.get(result);
    if (offsets) return offsets;
    offsets = [];
    for (const e of result.lexerErrors) offsets.push(e.offset);
    for (const d of result.lexerReport?.diagnostics ?? []) if (typeof d.offset === 'number') offsets.push(d.offset);
    for (const e of result.parserErrors) {
        const at = Number.isNaN(e.token.startOffset) ? (e as { previousToken?: { endOffset?: number } }).previousToken?.endOffset : e.token.startOffset;
        if (typeof at === 'number' && !Number.isNaN(at)) offsets.push(at);
    }
    offsets.sort((a, b) => a - b);
    offsetsOf.set(result, offsets);
    return offsets;
}

/** Whether a syntax error lies in the declaration's own text (not in a declaration nested in it). */
export function hasOwnSyntaxError(node: AstNode): boolean {
    const cst = node.$cstNode;
    if (!cst || !ast.isDeclaration(node)) return false;
    const result = AstUtils.getDocument(node).parseResult;
    if (result.lexerErrors.length === 0 && result.parserErrors.length === 0) return false;
    const nested = [...AstUtils.streamContents(node)].filter(ast.isDeclaration).map(n => n.$cstNode).filter(c => c !== undefined);
    return errorOffsets(result).some(offset => offset >= cst.offset && offset <= cst.end
        && !nested.some(inner => offset >= inner.offset && offset <= inner.end));
}
