import { DefaultCompletionProvider } from 'langium/lsp';

/** Completion that knows where the cursor is (to be filled in: see issue 3). */
export class CopisCompletionProvider extends DefaultCompletionProvider {}
