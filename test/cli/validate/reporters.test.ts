import { describe, expect, it } from 'vitest';
import { compareDiagnostics, severityName, summarize, toCliDiagnostic, type CliDiagnostic, type Report } from '../../../src/cli/diagnostics.js';
import { EXIT_OK, EXIT_PROBLEMS, exitCodeFor } from '../../../src/cli/exit-codes.js';
import { escapeData, escapeProperty, formatGithub, githubLine, unannotated } from '../../../src/cli/validate/reporters/github.js';
import { formatMarkdown } from '../../../src/cli/validate/reporters/markdown.js';
import { formatJson, toJson } from '../../../src/cli/validate/reporters/json.js';
import { formatText, summaryLine, textLine } from '../../../src/cli/validate/reporters/text.js';
import { decode } from '../../../src/cli/files/read-files.js';

const err: CliDiagnostic = { file: 'a/b.copis', line: 3, column: 5, endLine: 3, endColumn: 9, severity: 'error', code: 'unresolved-reference', message: '`Nope` is not declared.' };
const warn: CliDiagnostic = { file: 'a/b.copis', line: 7, column: 1, endLine: 8, endColumn: 2, severity: 'warning', code: 'stage-without-touchpoints', message: 'Stage `S` has no touchpoint.' };
const info: CliDiagnostic = { file: 'c.copis', line: 1, column: 1, endLine: 1, endColumn: 4, severity: 'information', code: 'unused-declaration', message: 'Unused.' };

function report(diagnostics: CliDiagnostic[], files = ['a/b.copis', 'c.copis'], hidden = 0): Report {
    return { files, diagnostics, summary: summarize(files.length, diagnostics), hidden, toolVersion: '1.2.3' };
}

describe('diagnostics', () => {
    it('turns an LSP diagnostic into 1-based lines and columns, with a severity name and the code', () => {
        const d = toCliDiagnostic('x.copis', { range: { start: { line: 0, character: 4 }, end: { line: 2, character: 0 } }, severity: 2, code: 'stage-order', message: 'm' });
        expect(d).toEqual({ file: 'x.copis', line: 1, column: 5, endLine: 3, endColumn: 1, severity: 'warning', code: 'stage-order', message: 'm' });
    });

    it('maps LSP severities, treating a missing one as an error and a hint as information', () => {
        expect([1, 2, 3, 4, undefined].map(severityName)).toEqual(['error', 'warning', 'information', 'information', 'error']);
    });

    it('sorts by file, then line, then column', () => {
        const later = { ...err, line: 3, column: 6 };
        const sorted = [info, warn, later, err].sort(compareDiagnostics);
        expect(sorted).toEqual([err, later, warn, info]);
    });

    it('counts each severity', () => {
        expect(summarize(2, [err, warn, warn, info])).toEqual({ files: 2, errors: 1, warnings: 2, information: 1 });
    });
});

describe('exit codes', () => {
    const clean = { files: 1, errors: 0, warnings: 0, information: 3 };
    it('is 0 with information only, 1 with an error', () => {
        expect(exitCodeFor(clean, undefined)).toBe(EXIT_OK);
        expect(exitCodeFor({ ...clean, errors: 1 }, undefined)).toBe(EXIT_PROBLEMS);
    });
    it('is 1 only when warnings exceed --max-warnings', () => {
        const twoWarnings = { ...clean, warnings: 2 };
        expect(exitCodeFor(twoWarnings, undefined)).toBe(EXIT_OK);
        expect(exitCodeFor(twoWarnings, 2)).toBe(EXIT_OK);
        expect(exitCodeFor(twoWarnings, 1)).toBe(EXIT_PROBLEMS);
        expect(exitCodeFor(clean, 0)).toBe(EXIT_OK);
    });
});

describe('text', () => {
    it('prints file:line:col, severity, message and code, two spaces apart', () => {
        expect(textLine(err)).toBe('a/b.copis:3:5  error  `Nope` is not declared.  unresolved-reference');
    });

    it('keeps a multi-line message on one line', () => {
        expect(textLine({ ...err, message: 'first\n  second' })).toBe('a/b.copis:3:5  error  first second  unresolved-reference');
    });

    it('summarizes with singular and plural forms', () => {
        expect(summaryLine({ files: 3, errors: 1, warnings: 2, information: 0 })).toBe('3 files: 1 error, 2 warnings, 0 information');
        expect(summaryLine({ files: 1, errors: 2, warnings: 1, information: 1 })).toBe('1 file: 2 errors, 1 warning, 1 information');
    });

    it('says "no problems" when there are none', () => {
        expect(summaryLine({ files: 2, errors: 0, warnings: 0, information: 0 })).toBe('2 files: no problems');
        expect(formatText(report([]))).toBe('2 files: no problems\n');
    });

    it('says how many --quiet hid', () => {
        expect(formatText(report([err], undefined, 2)).split('\n')).toEqual([
            'a/b.copis:3:5  error  `Nope` is not declared.  unresolved-reference',
            '',
            '2 files: 1 error, 0 warnings, 0 information (2 not shown: --quiet)',
            ''
        ]);
    });
});

describe('json', () => {
    it('has exactly the documented shape, keys in order', () => {
        const json = JSON.parse(formatJson(report([err, warn, info])));
        expect(Object.keys(json)).toEqual(['version', 'files', 'diagnostics', 'summary']);
        expect(json.version).toBe(1);
        expect(json.files).toEqual(['a/b.copis', 'c.copis']);
        expect(Object.keys(json.diagnostics[0])).toEqual(['file', 'line', 'column', 'endLine', 'endColumn', 'severity', 'code', 'message']);
        expect(json.diagnostics[1]).toEqual(warn);
        expect(json.summary).toEqual({ files: 2, errors: 1, warnings: 1, information: 1 });
    });

    it('copies no extra fields a diagnostic object might carry', () => {
        const extra = { ...err, data: { secret: 1 } } as CliDiagnostic;
        expect(Object.keys(toJson(report([extra])).diagnostics[0])).not.toContain('data');
    });
});

describe('github', () => {
    it('escapes %, CR and LF in messages', () => {
        expect(escapeData('100% a\r\nb')).toBe('100%25 a%0D%0Ab');
    });

    it('also escapes : and , in properties', () => {
        expect(escapeProperty('a:b,c%')).toBe('a%3Ab%2Cc%25');
    });

    it('writes ::error, ::warning and ::notice commands with the position and the code as title', () => {
        expect(githubLine(err)).toBe('::error file=a/b.copis,line=3,col=5,endLine=3,endColumn=9,title=unresolved-reference::`Nope` is not declared.');
        expect(githubLine(warn)).toMatch(/^::warning file=a\/b\.copis,line=7,col=1,endLine=8,endColumn=2,title=stage-without-touchpoints::/);
        expect(githubLine(info)).toMatch(/^::notice file=c\.copis,/);
    });

    it('escapes a file name with a comma and a multi-line message', () => {
        expect(githubLine({ ...err, file: 'a,b:c.copis', message: 'one\ntwo' }))
            .toBe('::error file=a%2Cb%3Ac.copis,line=3,col=5,endLine=3,endColumn=9,title=unresolved-reference::one%0Atwo');
    });

    it('ends with the summary as a plain log line', () => {
        expect(formatGithub(report([err])).trimEnd().split('\n').at(-1)).toBe('2 files: 1 error, 0 warnings, 0 information');
    });
});

describe('decode', () => {
    const bytes = (s: string) => new TextEncoder().encode(s);
    it('drops a UTF-8 byte order mark', () => {
        expect(decode(new Uint8Array([0xef, 0xbb, 0xbf, ...bytes('journey')]))).toEqual({ text: 'journey', bom: true });
    });
    it('refuses a file with NUL bytes as binary', () => {
        expect(decode(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00]))).toEqual({ problem: expect.stringContaining('binary') });
    });
    it('refuses UTF-16 and invalid UTF-8 with what to do', () => {
        expect(decode(new Uint8Array([0xff, 0xfe, 0x6a, 0x00]))).toEqual({ problem: expect.stringContaining('save it as UTF-8') });
        expect(decode(new Uint8Array([0x63, 0x61, 0x66, 0xe9]))).toEqual({ problem: 'is not valid UTF-8 text; save it as UTF-8' });
    });
});

describe('markdown', () => {
    it('lists every diagnostic in a table, with the summary in bold', () => {
        const md = formatMarkdown(report([err, warn, info]));
        expect(md.split('\n')).toEqual([
            '## copis validate',
            '',
            '**2 files: 1 error, 1 warning, 1 information**',
            '',
            '| Where | Severity | Message | Code |',
            '| --- | --- | --- | --- |',
            '| a/b.copis:3:5 | error | `Nope` is not declared. | `unresolved-reference` |',
            '| a/b.copis:7:1 | warning | Stage `S` has no touchpoint. | `stage-without-touchpoints` |',
            '| c.copis:1:1 | information | Unused. | `unused-declaration` |',
            ''
        ]);
    });

    it('says how many of each kind GitHub will not annotate (10 a kind a step)', () => {
        const many = [...Array.from({ length: 13 }, (_, i) => ({ ...err, line: i + 1 })), ...Array.from({ length: 11 }, (_, i) => ({ ...warn, line: i + 1 })), info];
        expect(unannotated(many)).toEqual({ errors: 3, warnings: 1, notices: 0 });
        expect(formatMarkdown(report(many))).toContain('GitHub annotates at most 10 errors, 10 warnings and 10 notices per step: 3 errors, 1 warning below are not annotated on the pull request.');
        expect(formatMarkdown(report([err]))).not.toContain('GitHub annotates');
    });

    it('escapes file names and messages (a pipe cannot add a cell, a link is text)', () => {
        const md = formatMarkdown(report([{ ...err, file: 'x|[y](javascript:z)<b>.copis', message: 'see https://e.example | *now*' }]));
        const row = md.split('\n').find(l => l.includes('javascript'))!;
        expect(row).toBe('| x\\|\\[y\\](javascript:z)&lt;b>.copis:3:5 | error | see https\\://e.example \\| \\*now\\* | `unresolved-reference` |');
    });
});
