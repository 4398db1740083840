// Types for ascii-bundle.mjs (a build script in plain JavaScript), for the tests that import it.
export function firstNonAscii(text: string): { offset: number; line: number; column: number; char: string; codePoint: number } | undefined;
export function nonAsciiMessage(file: string, text: string): string | undefined;
