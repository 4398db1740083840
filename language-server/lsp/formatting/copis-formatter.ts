import type { AstNode } from 'langium';
import { AbstractFormatter } from 'langium/lsp';

/** The canonical layout (to be filled in). */
export class CopisFormatter extends AbstractFormatter {
    protected format(_node: AstNode): void {}
}
