/**
 * `// copis-disable-next-line code[, code] -- reason` silences those codes on the line after the
 * comment; a code it names that silences nothing there is reported (`unused-suppression`), so that
 * suppressions do not outlive the problem they were written for.
 */
import type { Diagnostic, Range } from 'vscode-languageserver-types';
import { CODES, type Code } from './codes.js';
import { closestName } from './did-you-mean.js';
import { defaultSeverity } from './rule-settings.js';

export const DIRECTIVE = 'copis-disable-next-line';

export interface Suppression {
    /** The line of the comment (from 0): it silences the line after it. */
    line: number;
    /** The whole comment. */
    range: Range;
    codes: Array<{ code: string; range: Range }>;
}

/** The suppression comments of a text: `//` comments only (not inside a string or a block comment). */
export function findSuppressions(text: string): Suppression[] {
    if (!text.includes(DIRECTIVE)) return [];
    const found: Suppression[] = [];
    let line = 0;
    let lineStart = 0;
    const newline = (i: number): number => {
        // The LSP's line ends: \r\n, \r, \n. Returns the index of the line's last character.
        const end = text.charCodeAt(i) === 13 && text.charCodeAt(i + 1) === 10 ? i + 1 : i;
        line++;
        lineStart = end + 1;
        return end;
    };
    for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === 10 || c === 13) {
            i = newline(i);
        } else if (c === 34 /* " */) {
            // Strings do not span lines.
            for (i++; i < text.length; i++) {
                const s = text.charCodeAt(i);
                if (s === 92 /* \ */) i++;
                else if (s === 34) break;
                else if (s === 10 || s === 13) {
                    i--;
                    break;
                }
            }
        } else if (c === 47 /* / */ && text.charCodeAt(i + 1) === 42 /* * */) {
            for (i += 2; i < text.length && !(text.charCodeAt(i) === 42 && text.charCodeAt(i + 1) === 47); i++) {
                const b = text.charCodeAt(i);
                if (b === 10 || b === 13) i = newline(i);
            }
            i++;
        } else if (c === 47 && text.charCodeAt(i + 1) === 47) {
            let end = i;
            while (end < text.length && text.charCodeAt(end) !== 10 && text.charCodeAt(end) !== 13) end++;
            const suppression = parseComment(text.slice(i, end), line, i - lineStart);
            if (suppression) found.push(suppression);
            i = end - 1;
        }
    }
    return found;
}

/** `comment` starts with `//`, at `character` of `line`. */
function parseComment(comment: string, line: number, character: number): Suppression | undefined {
    const match = new RegExp(`^//\\s*${DIRECTIVE}(?=\\s|$)`).exec(comment);
    if (!match) return undefined;
    const at = (from: number, to: number): Range => ({ start: { line, character: character + from }, end: { line, character: character + to } });
    // The codes run up to ` -- ` (the reason) or the end of the comment.
    const rest = comment.slice(match[0].length);
    const reason = /(^|\s)--(\s|$)/.exec(rest);
    const list = reason ? rest.slice(0, reason.index) : rest;
    const codes: Suppression['codes'] = [];
    const item = /[^\s,]+/g;
    for (let m = item.exec(list); m; m = item.exec(list)) {
        const from = match[0].length + m.index;
        codes.push({ code: m[0], range: at(from, from + m[0].length) });
    }
    return { line, range: at(0, comment.length), codes };
}

/**
 * The diagnostics that remain once the suppressions have silenced theirs, followed by one
 * `unused-suppression` for each code a suppression names in vain. While the text has syntax
 * errors, nothing is reported as unused: the checks that would have spoken may not have run.
 */
export function applySuppressions(diagnostics: readonly Diagnostic[], suppressions: readonly Suppression[], source?: string): Diagnostic[] {
    if (suppressions.length === 0) return [...diagnostics];
    const byLine = new Map<number, Suppression>();
    for (const s of suppressions) byLine.set(s.line + 1, s);
    const used = new Set<string>();
    const kept = diagnostics.filter(d => {
        const suppression = byLine.get(d.range.start.line);
        const code = String(d.code);
        if (!suppression || code === 'syntax' || !suppression.codes.some(c => c.code === code)) return true;
        used.add(`${suppression.line}:${code}`);
        return false;
    });
    if (diagnostics.some(d => d.code === 'syntax')) return kept;
    for (const s of suppressions) {
        if (s.codes.length === 0) {
            kept.push(unused(s.range, `\`${DIRECTIVE}\` names no code; name the codes it silences on the next line, e.g. \`// ${DIRECTIVE} unused-declaration -- kept for the next release\`.`, source));
            continue;
        }
        for (const { code, range } of s.codes) {
            if (used.has(`${s.line}:${code}`)) continue;
            kept.push(unused(range, unusedMessage(code), source));
        }
    }
    return kept;
}

function unusedMessage(code: string): string {
    if (code === 'syntax') return 'A syntax error cannot be silenced: fix the text, and remove `syntax` from this comment.';
    if (!(CODES as readonly string[]).includes(code)) {
        const suggestion = closestName(code, CODES);
        return `\`${code}\` is not a copis diagnostic code (${suggestion ? `did you mean \`${suggestion}\`?` : 'the codes are in docs/language.md §9'}), so it silences nothing; correct it or remove it.`;
    }
    return `Nothing to silence: the next line has no \`${code}\`; remove it from this comment.`;
}

function unused(range: Range, message: string, source: string | undefined): Diagnostic {
    const code: Code = 'unused-suppression';
    return { range, message, severity: defaultSeverity(code), code, source, data: { code } };
}
