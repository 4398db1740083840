import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * One temporary folder for the whole test run, removed when it ends: vitest ends its workers without their
 * `exit` event, so what a worker meant to remove at exit (a copy of Node and the CLI for the unprivileged
 * user, 120 MB) was left in the system's temporary folder by every run. The workers inherit the variable.
 */
export default function setup(): () => void {
    const dir = mkdtempSync(join(tmpdir(), 'copis-test-run-'));
    // The unprivileged user runs the copies made in it.
    chmodSync(dir, 0o755);
    process.env.COPIS_TEST_RUN_DIR = dir;
    return () => rmSync(dir, { recursive: true, force: true });
}
