// The project's Markdown documents as GitHub shows them: marked's tokens, the headings' anchors by GitHub's
// slug rules, and where a relative link points.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { Lexer, type Token } from 'marked';
import { ROOT } from '../cli/helpers.js';
import { walk } from '../action/harness.js';

/** README.md, docs/*.md and docs/packaging/**\/*.md, relative to the repository. */
export function documents(): string[] {
    const below = (dir: string, deep: boolean): string[] => readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap(e =>
        e.isDirectory() ? (deep ? below(join(dir, e.name), deep) : []) : e.name.endsWith('.md') ? [join(dir, e.name)] : []);
    return ['README.md', ...below('docs', false), ...below('docs/packaging', true)];
}

export function tokens(file: string): Token[] {
    return walk(new Lexer({ gfm: true }).lex(readFileSync(join(ROOT, file), 'utf8')));
}

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': '\'' };

/** A token's text as it reads rendered: the text of its inline children, code spans included. */
export function plainText(token: Token): string {
    const children = (token as { tokens?: Token[] }).tokens;
    const text = children ? children.map(plainText).join('') : (token as { text?: string }).text ?? '';
    return text.replace(/&(amp|lt|gt|quot|#39);/g, e => ENTITIES[e]);
}

/** GitHub's anchor for a heading: lower case, punctuation dropped (but - and _), spaces as -. */
export function slug(text: string): string {
    return text.trim().toLowerCase().replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '').replace(/ /g, '-');
}

/** The anchors of a document's headings, a repeated one with -1, -2… as GitHub numbers them. */
export function anchors(file: string): Set<string> {
    const seen = new Map<string, number>();
    const result = new Set<string>();
    for (const t of tokens(file)) {
        if (t.type !== 'heading') continue;
        const base = slug(plainText(t));
        const n = seen.get(base) ?? 0;
        seen.set(base, n + 1);
        result.add(n === 0 ? base : `${base}-${n}`);
    }
    return result;
}

/**
 * The folder a document's relative links start from: its own, but for the packaging READMEs, which ship at
 * the top of the npm package and the VSIX, whose layout is the repository's (docs/…, images/…).
 */
export function linkBase(file: string): string {
    return file.startsWith('docs/packaging/') ? '' : dirname(file);
}

/** A relative link's target, relative to the repository, and its anchor; undefined for a URL. */
export function target(file: string, href: string): { path: string; anchor?: string } | undefined {
    if (/^[a-z][a-z0-9+.-]*:/i.test(href)) return undefined;
    const hash = href.indexOf('#');
    const path = hash < 0 ? href : href.slice(0, hash);
    const anchor = hash < 0 ? undefined : decodeURIComponent(href.slice(hash + 1));
    return { path: path === '' ? file : relative(ROOT, join(ROOT, linkBase(file), decodeURIComponent(path))), anchor };
}

export const exists = (path: string) => existsSync(join(ROOT, path));
