// The Markdown documents (README.md, docs/*.md, docs/packaging/**/*.md) rendered with marked as GitHub
// renders them: every fenced block is closed (an unclosed one swallows the headings after it), and every
// link into a document — `#anchor`, `other.md#anchor` — lands on a heading, every relative link on a file.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Tokens } from 'marked';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../cli/helpers.js';
import { anchors, documents, exists, plainText, slug, target, tokens } from './markdown.js';

describe('GitHub\'s anchors', () => {
    it('are the heading\'s text in lower case, punctuation dropped but -, spaces as -', () => {
        expect(slug('`copis diff [BASE [HEAD]] [-- PATH...]`')).toBe('copis-diff-base-head----path');
        expect(slug('Model roots and `copis.config.json`')).toBe('model-roots-and-copisconfigjson');
        expect(slug('10. Value at stake: what a bad moment costs and what to fix first')).toBe('10-value-at-stake-what-a-bad-moment-costs-and-what-to-fix-first');
        expect(slug('`copis site [paths...] -o DIR`')).toBe('copis-site-paths--o-dir');
    });
});

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const HASH_LANGUAGES = new Set(['sh', 'bash', 'shell', 'yaml', 'toml', 'md', 'markdown']);

describe.each(documents())('%s', file => {
    const all = tokens(file);

    const fenced = all.filter((t): t is Tokens.Code => t.type === 'code' && FENCE.test(t.raw));

    it('closes every fenced code block', () => {
        const open = fenced.filter(t => {
            const fence = FENCE.exec(t.raw)![1];
            const lines = t.raw.trimEnd().split('\n');
            const last = lines.at(-1)!.trim();
            return lines.length < 2 || !(last.startsWith(fence) && /^(`+|~+)$/.test(last));
        });
        expect(open.map(t => t.raw.split('\n')[0])).toEqual([]);
        // A closing fence has no info string: a ```yaml inside a block is the next block's opening, so the fence before it was left open.
        const opening = fenced.flatMap(t => t.raw.split('\n').slice(1).filter(l => /^ {0,3}(`{3,}|~{3,})\s*[\w-]/.test(l)).map(l => `${t.raw.split('\n')[0]} … ${l}`));
        expect(opening).toEqual([]);
    });

    it('has every heading of its text as a heading, none swallowed by a code block', () => {
        const source = readFileSync(join(ROOT, file), 'utf8');
        // `# …` is a comment in these, and Markdown's own examples may show headings; elsewhere a heading line in code was swallowed.
        const mayHoldHashLines = fenced.filter(t => HASH_LANGUAGES.has(t.lang ?? '')).flatMap(t => t.raw.split('\n'));
        const headingLines = source.split('\n').filter(l => /^#{1,6} \S/.test(l) && !mayHoldHashLines.includes(l));
        expect(all.filter(t => t.type === 'heading').map(t => t.raw.trim())).toEqual(headingLines.map(l => l.trim()));
    });

    it('links only to headings and files that exist', () => {
        const dead: string[] = [];
        for (const t of all) {
            if (t.type !== 'link' && t.type !== 'image') continue;
            const href = (t as Tokens.Link).href;
            const to = target(file, href);
            if (!to) continue;
            if (!exists(to.path)) dead.push(`${href} (${plainText(t)}): no file ${to.path}`);
            else if (to.anchor !== undefined && to.path.endsWith('.md') && !anchors(to.path).has(to.anchor)) dead.push(`${href} (${plainText(t)}): no heading #${to.anchor} in ${to.path}`);
        }
        expect(dead).toEqual([]);
    });
});
