// Types for fdir-start.mjs (a build script in plain JavaScript), for the tests that import it.
import type { Plugin } from 'esbuild';
export function patchedFdirText(text: string, file?: string): string;
export const fdirStart: Plugin;
