import { AstUtils, isLeafCstNode, type AstNode, type AstNodeLocator, type CstNode, type ParseResult } from 'langium';

/**
 * Everything a parse result says, positions included, as plain data: every CST node (kind,
 * offsets, range, hidden, grammar element, token type, its AST node) and every AST node (type,
 * place in its container, own values, references by text and place). Broken links fail the dump itself.
 */
export function parseDump(result: ParseResult<AstNode>, locator: AstNodeLocator): unknown[] {
    const out: unknown[] = [['errors', result.lexerErrors.length, result.parserErrors.length]];
    // Syntax errors as the validator reads them: message, token and the token before (positions included).
    const token = (t?: { image?: string; startOffset: number; endOffset?: number; startLine?: number; startColumn?: number; endLine?: number; endColumn?: number }) =>
        t && [t.image, t.startOffset, t.endOffset, t.startLine, t.startColumn, t.endLine, t.endColumn];
    for (const e of result.parserErrors) out.push(['error', e.name, e.message, token(e.token), token((e as { previousToken?: Parameters<typeof token>[0] }).previousToken)]);
    for (const e of result.lexerErrors) out.push(['lexing', e.offset, e.length, e.line, e.column, e.message]);
    const root = result.value.$cstNode!;
    out.push(['text', root.root.fullText]);
    const walk = (node: CstNode, depth: number): void => {
        const { start, end } = node.range;
        out.push([depth, isLeafCstNode(node) ? node.tokenType.name : 'composite', node.offset, node.end, start.line, start.character, end.line, end.character,
            node.hidden, node.grammarSource ? locator.getAstNodePath(node.grammarSource) : '', locator.getAstNodePath(node.astNode)]);
        if (!isLeafCstNode(node) && 'content' in node) {
            for (const child of (node as { content: CstNode[] }).content) {
                if (child.container !== node) throw new Error(`CST child at ${child.offset} does not point to its container`);
                walk(child, depth + 1);
            }
        }
    };
    walk(root, 0);
    for (const node of AstUtils.streamAst(result.value)) {
        if (node.$cstNode && node.$cstNode.astNode !== node) throw new Error(`${locator.getAstNodePath(node)}: its CST node belongs to another AST node`);
        const values = Object.entries(node).filter(([k]) => !k.startsWith('$')).map(([k, v]) => [k, Array.isArray(v) ? v.map(value) : value(v)]);
        out.push([locator.getAstNodePath(node), node.$type, node.$containerProperty, node.$containerIndex, node.$cstNode?.offset, node.$cstNode?.end, values]);
    }
    return out;
}

/** An AST property's value as data: a child node by its type, a reference by its text. */
function value(v: unknown): unknown {
    if (v && typeof v === 'object' && '$refText' in v) {
        const { $refText, $refNode } = v as { $refText: string; $refNode?: CstNode };
        return `ref:${$refText}@${$refNode?.offset}-${$refNode?.end}`;
    }
    if (v && typeof v === 'object' && '$type' in v) return `node:${(v as AstNode).$type}`;
    return v;
}
