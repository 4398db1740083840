// What the action's steps say to the runner: outputs, the job summary, log lines and error annotations.
// Every string that comes from an input, an event or a file name is escaped for where it goes: workflow
// commands (escapeData), the summary's Markdown (escapeMarkdown), plain log lines (logText), outputs
// (a heredoc whose delimiter cannot occur in the value).
import { randomBytes } from 'node:crypto';
import { appendFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';

/** A problem with the action's inputs or set-up: reported as an error annotation, and the step fails. */
export class ActionError extends Error {}

export function fail(message) {
    throw new ActionError(message);
}

/** A workflow command's message: %, CR and LF escaped, as GitHub's toolkit does. */
export function escapeData(text) {
    return String(text).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/**
 * Text in the job summary's Markdown, by the rules of copis's Markdown output: no markup, link, HTML or
 * line of its own can come from it. (From the action's checkout, where src/ is, as the steps run.)
 */
export { escapeMarkdown } from '../../src/cli/markdown/escape-markdown.mjs';

/** Text in a plain log line: control characters and line breaks as escapes, so that it cannot start a workflow command. */
export function logText(text) {
    return String(text).replace(/[\p{Cc}\u0085\u2028\u2029]/gu, c => `\\u{${c.codePointAt(0).toString(16).toUpperCase()}}`);
}

export function log(line) {
    process.stdout.write(`${line}\n`);
}

/** An output, as `name<<DELIMITER`: the value may hold anything, a line break included. */
export function setOutput(name, value) {
    if (!process.env.GITHUB_OUTPUT) return;
    const text = String(value);
    let delimiter;
    do delimiter = `copis_${randomBytes(12).toString('hex')}`; while (text.includes(delimiter));
    appendFileSync(process.env.GITHUB_OUTPUT, `${name}<<${delimiter}\n${text}\n${delimiter}\n`);
}

export function appendSummary(text) {
    if (process.env.GITHUB_STEP_SUMMARY) appendFileSync(process.env.GITHUB_STEP_SUMMARY, text);
}

export const workspace = () => process.env.GITHUB_WORKSPACE || process.cwd();

/** A path input: relative to the workspace. */
export function inWorkspace(path) {
    return isAbsolute(path) ? path : resolve(workspace(), path);
}
