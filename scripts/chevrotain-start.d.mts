// Types for chevrotain-start.mjs (a build script in plain JavaScript), for the tests that import it.
import type { Plugin } from 'esbuild';
export function patchedLexerText(text: string, file?: string): string;
export function patchedRecorderText(text: string, file?: string): string;
export const chevrotainStart: Plugin;
