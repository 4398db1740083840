import { shownMessage, shownPath } from './shown.js';

/** Where the CLI writes, and the directory paths are relative to. Tests pass their own. */
export interface CliIO {
    cwd: string;
    stdout(text: string): void;
    stderr(text: string): void;
}

export function processIO(): CliIO {
    return {
        cwd: process.cwd(),
        stdout: text => { process.stdout.write(text); },
        stderr: text => { process.stderr.write(text); }
    };
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
