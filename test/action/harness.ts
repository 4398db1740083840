// The action's steps run on a workspace as the runner would (./runner.ts), against the npm tarball, and
// what a test reads of them: a step's result, the workflow commands in its log, the Markdown's tokens.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Token, Tokens } from 'marked';
import { ROOT } from '../cli/helpers.js';
import { ENV, packNpm, tempDir } from '../scripts/npm-package.js';
import { readAction, runAction, type StepResult } from './runner.js';

export const action = readAction(join(ROOT, 'action.yml'));

let tarball: string | undefined;
/** The tarball, packed once per test file. */
export function packed(): string {
    tarball ??= packNpm().tarball;
    return tarball;
}

export interface RunOn {
    /** Files of the workspace (path -> text), written before `prepare`. */
    files?: Record<string, string>;
    /** Anything else the workspace needs (a git history): called with its path. */
    prepare?: (workspace: string) => void;
    inputs?: Record<string, string>;
    /** The runner's variables for the event (GITHUB_EVENT_NAME, GITHUB_EVENT_PATH, ...). */
    env?: Record<string, string>;
}

/** A workspace holding the tarball (`version: ./copis.tgz`), and the action run on it. */
export function runOn(options: RunOn): { results: StepResult[]; workspace: string; temp: string } {
    const workspace = tempDir('copis-action-ws-');
    for (const [path, text] of Object.entries(options.files ?? {})) {
        mkdirSync(join(workspace, path, '..'), { recursive: true });
        writeFileSync(join(workspace, path), text);
    }
    options.prepare?.(workspace);
    writeFileSync(join(workspace, 'copis.tgz'), readFileSync(packed()));
    // The registry is not needed: the tarball has no dependencies but the optional one the action leaves out.
    const env = { ...ENV, npm_config_offline: 'true', GITHUB_STEP_SUMMARY: undefined, GITHUB_OUTPUT: undefined, GITHUB_EVENT_NAME: undefined, GITHUB_EVENT_PATH: undefined, ...options.env };
    const temp = tempDir('copis-action-tmp-');
    const results = runAction(action, { actionPath: ROOT, workspace, temp, inputs: { version: './copis.tgz', ...options.inputs }, env });
    return { results, workspace, temp };
}

export function step(results: StepResult[], id: string): StepResult {
    const found = results.find(r => r.step.id === id);
    if (!found) throw new Error(`step ${id} did not run; steps: ${results.map(r => `${r.step.id}: ${r.code} ${r.stdout}${r.stderr}`).join('\n')}`);
    return found;
}

/** The workflow commands in a step's log: kind, properties (split on the commas between them) and message. */
export function commands(log: string): { kind: string; properties: Record<string, string>; message: string }[] {
    return log.split('\n').flatMap(line => {
        const m = /^::([\w-]+)(?: ([^:]*))?::(.*)$/.exec(line);
        if (!m) return [];
        const properties = m[2] === undefined ? {} : Object.fromEntries(m[2].split(',').map(p => [p.slice(0, p.indexOf('=')), p.slice(p.indexOf('=') + 1)]));
        return [{ kind: m[1], properties, message: m[3] }];
    });
}

/** Every token of a Markdown document, table cells included. */
export function walk(tokens: Token[], seen: Token[] = []): Token[] {
    for (const t of tokens) {
        seen.push(t);
        const children = (t as { tokens?: Token[] }).tokens;
        if (children) walk(children, seen);
        if (t.type === 'table') {
            const table = t as Tokens.Table;
            for (const cell of [...table.header, ...table.rows.flat()]) walk(cell.tokens, seen);
        }
    }
    return seen;
}

/** The annotations in a step's log (error, warning and notice commands). */
export function annotations(log: string): ReturnType<typeof commands> {
    return commands(log).filter(c => ['error', 'warning', 'notice'].includes(c.kind));
}
