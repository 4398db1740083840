// Types for rule-docs.mjs (a build script in plain JavaScript), for the tests that import it.
import type { RuleDoc } from '../src/cli/validate/reporters/rule-doc.js';

export const GUIDE: string;
export const OUTPUT: string;
export function parseRuleDocs(markdown: string): Record<string, RuleDoc>;
export function renderModule(docs: Record<string, RuleDoc>): string;
