import { shownMessage, shownPath } from './shown.js';
import type { StandardOutput } from './standard-output.js';

/** Where the CLI writes, and the directory paths are relative to. Tests pass their own. */
export interface CliIO {
    cwd: string;
    stdout(text: string): void;
    stderr(text: string): void;
    /** All of standard input (for the path `-`); without it, standard input reads as empty. */
    stdin?(): Promise<Uint8Array>;
    /** Whether stdout is a terminal that takes colour (a TTY, `NO_COLOR` unset, `TERM` not `dumb`); `--color`/`--no-color` override it. */
    color?: boolean;
}

/** The process's own: standard output and error written by `output` (standard-output.ts). */
export function processIO(output: StandardOutput): CliIO {
    return {
        cwd: process.cwd(),
        stdout: output.stdout,
        stderr: output.stderr,
        stdin: readAll,
        // Asked only when a report is printed: whether stdout is a terminal costs nothing for a pipe or a file.
        get color() {
            return terminalTakesColor(output.isTerminal(1), process.env);
        }
    };
}

/** Colour only on a terminal, and never when `NO_COLOR` is set to anything but the empty string (no-color.org) or the terminal is `dumb`. */
export function terminalTakesColor(isTTY: boolean, env: Record<string, string | undefined>): boolean {
    return isTTY && !env.NO_COLOR && env.TERM !== 'dumb';
}

async function readAll(): Promise<Uint8Array> {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk as Buffer);
    return Buffer.concat(chunks);
}

/** A path that could not be used, and why: printed to stderr as `copis: PATH: MESSAGE`. */
export interface InputProblem {
    /** As the user gave it, or relative to the working folder: not yet escaped (`formatProblem` does that). */
    path: string;
    message: string;
}

export function formatProblem(problem: InputProblem): string {
    return `copis: ${shownPath(problem.path)}: ${shownMessage(problem.message)}\n`;
}
