import { MultilineCommentHoverProvider } from 'langium/lsp';

/** Hover: kind, title, doc comment and the facts that matter (to be filled in). */
export class CopisHoverProvider extends MultilineCommentHoverProvider {}
