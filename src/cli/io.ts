/** Where the CLI writes, and the directory paths are relative to. Tests pass their own. */
export interface CliIO {
    cwd: string;
    stdout(text: string): void;
    stderr(text: string): void;
    /** stdout is a terminal that may be coloured: a TTY, and NO_COLOR (https://no-color.org) not set. Unset: no colour. */
    colour?: boolean;
}

export function processIO(): CliIO {
    return {
        cwd: process.cwd(),
        colour: process.stdout.isTTY === true && !process.env.NO_COLOR,
        stdout: text => { process.stdout.write(text); },
        stderr: text => { process.stderr.write(text); }
    };
}

/** A path that could not be used, and why: printed to stderr as `copis: PATH: MESSAGE`. */
export interface InputProblem {
    path: string;
    message: string;
}

export function formatProblem(problem: InputProblem): string {
    return `copis: ${problem.path}: ${problem.message}\n`;
}
