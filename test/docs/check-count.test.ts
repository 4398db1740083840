// How many checks the docs say copis has: the number of diagnostic codes (language-server/validation/codes.ts).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CODES } from '../../language-server/validation/codes.js';
import { ROOT } from '../cli/helpers.js';

const FILES = ['README.md', 'docs/packaging/vscode/README.md', 'docs/packaging/npm/README.md', 'CHANGELOG.md'];
/** "48 checks", "48 diagnostics", "48 diagnostic codes", "48 rules". */
const COUNT = /\b(\d+) (checks|diagnostics|diagnostic codes|rules)\b/g;

describe('the number of checks in the docs', () => {
    it.each(FILES)('%s says it, and it is the number of diagnostic codes', file => {
        const counts = [...readFileSync(join(ROOT, file), 'utf8').matchAll(COUNT)].map(m => `${m[1]} ${m[2]}`);
        expect(counts.length, `${file} does not say how many checks there are`).toBeGreaterThan(0);
        expect(counts).toEqual(counts.map(c => c.replace(/^\d+/, String(CODES.length))));
    });
});
