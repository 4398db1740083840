// Runs a composite action's steps as the GitHub runner does, far enough for action.yml: each `run` step
// through `bash --noprofile --norc -eo pipefail` with its `env`, the runner's GITHUB_* and RUNNER_*
// variables, a GITHUB_OUTPUT and GITHUB_STEP_SUMMARY file per step; `${{ inputs.X }}` and
// `${{ steps.ID.outputs.X }}` expressions evaluated (any other expression is an error: this runner
// would not know it); a `uses` step only when its `if` holds, which this runner refuses to do.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

export interface ActionYaml {
    inputs: Record<string, { description: string; required?: boolean; default?: string }>;
    outputs?: Record<string, { value: string }>;
    runs: { using: string; steps: Step[] };
}

export interface Step {
    id?: string;
    name?: string;
    if?: string;
    uses?: string;
    with?: Record<string, string>;
    shell?: string;
    run?: string;
    env?: Record<string, string>;
}

export interface StepResult {
    step: Step;
    code: number;
    stdout: string;
    stderr: string;
    outputs: Record<string, string>;
    summary: string;
}

export function readAction(path: string): ActionYaml {
    return parse(readFileSync(path, 'utf8')) as ActionYaml;
}

interface Context {
    inputs: Record<string, string>;
    steps: Record<string, Record<string, string>>;
}

const EXPRESSION = /\$\{\{\s*(.*?)\s*\}\}/g;

function evaluate(expression: string, context: Context): string {
    let m = /^inputs\.([\w-]+)$/.exec(expression);
    if (m) {
        if (!(m[1] in context.inputs)) throw new Error(`the action reads inputs.${m[1]}, which it does not declare`);
        return context.inputs[m[1]];
    }
    m = /^steps\.([\w-]+)\.outputs\.([\w-]+)$/.exec(expression);
    if (m) return context.steps[m[1]]?.[m[2]] ?? '';
    throw new Error(`this runner does not evaluate \${{ ${expression} }}`);
}

function substitute(text: string, context: Context): string {
    return text.replace(EXPRESSION, (_, expression: string) => evaluate(expression, context));
}

/** `steps.ID.outputs.NAME == 'value'`, the one kind of `if` action.yml uses. */
function condition(expression: string, context: Context): boolean {
    const m = /^\s*(steps\.[\w-]+\.outputs\.[\w-]+)\s*==\s*'([^']*)'\s*$/.exec(expression.replace(/^\$\{\{\s*|\s*\}\}$/g, ''));
    if (!m) throw new Error(`this runner does not evaluate the condition ${expression}`);
    return evaluate(m[1], context) === m[2];
}

/** `name=value` lines and `name<<DELIMITER` blocks, as the runner reads GITHUB_OUTPUT. */
export function parseOutputs(text: string): Record<string, string> {
    const outputs: Record<string, string> = {};
    const lines = text.split('\n');
    for (let i = 0; i < lines.length; i++) {
        const block = /^([\w-]+)<<(.+)$/.exec(lines[i]);
        if (block) {
            const end = lines.indexOf(block[2], i + 1);
            outputs[block[1]] = lines.slice(i + 1, end).join('\n');
            i = end;
            continue;
        }
        const line = /^([\w-]+)=(.*)$/.exec(lines[i]);
        if (line) outputs[line[1]] = line[2];
    }
    return outputs;
}

export interface RunOptions {
    actionPath: string;
    workspace: string;
    temp: string;
    inputs: Record<string, string>;
    env: Record<string, string | undefined>;
}

/** Every step in order, stopping after the first that fails (as a composite action does). */
export function runAction(action: ActionYaml, options: RunOptions): StepResult[] {
    const inputs: Record<string, string> = {};
    for (const [name, input] of Object.entries(action.inputs)) inputs[name] = options.inputs[name] ?? input.default ?? '';
    for (const name of Object.keys(options.inputs)) if (!(name in action.inputs)) throw new Error(`action.yml has no input ${name}`);
    const context: Context = { inputs, steps: {} };
    const results: StepResult[] = [];
    for (const [i, step] of action.runs.steps.entries()) {
        if (step.if !== undefined && !condition(step.if, context)) continue;
        if (step.uses) throw new Error(`step ${step.name ?? i} uses ${step.uses}, which this runner cannot run (its condition held)`);
        if (step.shell !== 'bash') throw new Error(`step ${step.name ?? i} must say shell: bash (a composite run step needs a shell)`);
        const dir = join(options.temp, `step-${i}`);
        mkdirSync(dir, { recursive: true });
        const output = join(dir, 'output');
        const summary = join(dir, 'summary');
        writeFileSync(output, '');
        writeFileSync(summary, '');
        const stepEnv = Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, substitute(String(v), context)]));
        const run = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', substitute(step.run!, context)], {
            cwd: options.workspace, encoding: 'utf8', timeout: 120000,
            env: {
                ...options.env, ...stepEnv, CI: 'true', GITHUB_ACTIONS: 'true', GITHUB_ACTION_PATH: options.actionPath,
                GITHUB_WORKSPACE: options.workspace, RUNNER_TEMP: options.temp, GITHUB_OUTPUT: output, GITHUB_STEP_SUMMARY: summary
            }
        });
        if (run.error) throw run.error;
        const outputs = parseOutputs(readFileSync(output, 'utf8'));
        if (step.id) context.steps[step.id] = outputs;
        results.push({ step, code: run.status ?? -1, stdout: run.stdout, stderr: run.stderr, outputs, summary: readFileSync(summary, 'utf8') });
        if (run.status !== 0) break;
    }
    return results;
}

/** The action's declared outputs, evaluated after its steps. */
export function actionOutputs(action: ActionYaml, results: StepResult[]): Record<string, string> {
    const steps: Record<string, Record<string, string>> = {};
    for (const r of results) if (r.step.id) steps[r.step.id] = r.outputs;
    return Object.fromEntries(Object.entries(action.outputs ?? {}).map(([name, o]) => [name, substitute(o.value, { inputs: {}, steps })]));
}
