/**
 * A small test harness for the extension host: named async tests run in order, each failure is
 * printed with its stack, and run() rejects when any failed (the workbench then exits 1).
 * Results go to console.log: the runner treats every console.error in the extension host as an
 * error the extension logged, which fails the run.
 */
import { NoRunner } from './runner.js';

type Test = { name: string; fn: () => Promise<void> | void };
const tests: Test[] = [];

export function test(name: string, fn: Test['fn']): void {
    tests.push({ name, fn });
}

export async function runAll(): Promise<void> {
    const failures: string[] = [];
    let skipped = 0;
    const started = Date.now();
    for (const t of tests) {
        const t0 = Date.now();
        try {
            await t.fn();
            console.log(`  ✓ ${t.name} (${Date.now() - t0} ms)`);
        } catch (error) {
            if (error instanceof NoRunner) {
                skipped++;
                console.log(`  - ${t.name}: skipped, ${error.message}`);
                continue;
            }
            failures.push(t.name);
            console.log(`  ✗ ${t.name}\n${error instanceof Error ? error.stack ?? error.message : String(error)}`);
        }
    }
    console.log(`${tests.length - failures.length - skipped} passed, ${failures.length} failed, ${skipped} skipped (${Date.now() - started} ms in the workbench)`);
    if (failures.length) throw new Error(`${failures.length} of ${tests.length} VS Code tests failed: ${failures.join('; ')}`);
}

/** Waits until `probe` returns something truthy (polling), or fails saying what did not happen. */
export async function waitFor<T>(what: string, probe: () => T | undefined | PromiseLike<T | undefined>, timeoutMs = 15000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    let last: unknown;
    for (;;) {
        try {
            const value = await probe();
            if (value) return value;
        } catch (error) {
            last = error;
        }
        if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? ` (last error: ${String(last)})` : ''}`);
        await new Promise(r => setTimeout(r, 50));
    }
}

export function assert(condition: unknown, message: string): asserts condition {
    if (!condition) throw new Error(message);
}

export function assertEqual<T>(actual: T, expected: T, what: string): void {
    if (JSON.stringify(actual) !== JSON.stringify(expected)) throw new Error(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}
