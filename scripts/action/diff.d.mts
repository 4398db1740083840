// Types for diff.mjs (the action's plain JavaScript), for the tests that import it.
export const COMMENT_LIMIT: number;
export const SUMMARY_LIMIT: number;
export function eventBase(eventName: string, eventPath: string | undefined): { sha: string; what: string } | undefined;
export function fitMarkdown(markdown: string, fits: (text: string) => boolean, note: string): string;
export function runDiff(): number;
