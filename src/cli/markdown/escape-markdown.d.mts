// Types for escape-markdown.mjs (plain JavaScript, so that the GitHub Action can run it unbundled).
export const LINE_BREAKS: RegExp;
export function escapeMarkdown(text: string): string;
