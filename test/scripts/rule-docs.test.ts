import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GUIDE, OUTPUT, parseRuleDocs, renderModule } from '../../scripts/rule-docs.mjs';
import { CODES, SEVERITY } from '../../language-server/validation/codes.js';

const guide = readFileSync(GUIDE, 'utf8');
const SEVERITY_WORD = { error: 'error', warning: 'warning', info: 'information' } as const;

describe('rule docs from docs/language.md', () => {
    it('the generated module is what the guide says now (npm run build regenerates it)', () => {
        expect(readFileSync(OUTPUT, 'utf8')).toBe(renderModule(parseRuleDocs(guide)));
    });

    it('documents every diagnostic code of the language, with the severity it has', () => {
        const docs = parseRuleDocs(guide);
        for (const code of CODES) {
            expect(docs[code], `docs/language.md lacks \`${code}\``).toBeDefined();
            expect(docs[code].severity, code).toBe(SEVERITY_WORD[SEVERITY[code]]);
            for (const part of ['short', 'full', 'text', 'markdown'] as const) expect(docs[code][part].length, `${code} ${part}`).toBeGreaterThan(0);
        }
    });

    it('takes the first paragraph as the full description and leaves links into the guide as their text', () => {
        const docs = parseRuleDocs(guide);
        expect(docs['moment-without-touchpoint'].full).toBe('A moment of truth has no `at`: it must happen at a touchpoint.');
        expect(docs['value-out-of-range'].markdown).toContain('outside its metric\'s\nrange (§7)');
        expect(docs['value-out-of-range'].markdown).not.toContain('](#');
        expect(docs['kpi-off-target'].text).toContain('KPI `OnTime` is off target: current 91%, target >= 97%. Fix: nothing to fix');
    });

    it('refuses a code with a table row and no section, or a section and no row', () => {
        const row = '| [`new-rule`](#new-rule) | Warning | something new |';
        const withRow = guide.replace('| [`syntax`](#syntax) |', `${row}\n| [\`syntax\`](#syntax) |`);
        expect(() => parseRuleDocs(withRow)).toThrow(/`new-rule` is in the diagnostics table but has no/);
        const withSection = guide.replace('### Errors\n', '### Errors\n\n#### `new-rule`\n\n**Warning.** New.\n');
        expect(() => parseRuleDocs(withSection)).toThrow(/`new-rule` has a section but no row/);
    });
});
