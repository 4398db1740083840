// Types for lazy-builtins.mjs (a build script in plain JavaScript), for the tests that import it.
import type { Plugin } from 'esbuild';
export function lazyModuleText(name: string, exports: readonly string[]): string;
export function lazyBuiltins(names: readonly string[]): Plugin;
