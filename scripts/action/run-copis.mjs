// Runs the installed copis (the install step's `cli` output, given as COPIS_CLI) in the workspace.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fail, workspace } from './workflow.mjs';

/** The installed CLI, or a failure that says which step gives it. */
export function installedCli() {
    const cli = process.env.COPIS_CLI;
    if (!cli || !existsSync(cli)) fail('copis is not installed: the install step gives COPIS_CLI');
    return cli;
}

/** `node cli.cjs ARGS` in the workspace, its output passed through or captured (stderr always goes to the log). */
export function copis(cli, args, capture) {
    const result = spawnSync(process.execPath, [cli, ...args], { cwd: workspace(), encoding: 'utf8', maxBuffer: 1 << 30, stdio: ['ignore', capture ? 'pipe' : 'inherit', 'inherit'] });
    if (result.error) fail(`copis could not be run: ${result.error.message}`);
    return { code: result.status ?? 2, stdout: result.stdout ?? '' };
}
