// Standard output and error written directly (src/cli/standard-output.ts): every byte, in order, whatever the
// descriptor does (partial writes, EAGAIN, EPIPE), and the shipped CLI through pipes that fill and close.
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, openSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { standardOutput, type StandardOutputSystem } from '../../src/cli/standard-output.js';
import { BUNDLE, workspace } from './helpers.js';

/** A system whose writes follow `plan` (a count of bytes taken, or an error code), then take everything; and what arrived where. */
function fakeSystem(plan: (number | string)[], platform: NodeJS.Platform = 'linux', characterDevice = false) {
    const arrived: string[] = [];
    const streamsMade: number[] = [];
    const handlers: string[] = [];
    const system: StandardOutputSystem = {
        platform,
        writeSync: (fd, bytes, offset, length) => {
            const step = plan.shift() ?? length;
            if (typeof step === 'string') throw Object.assign(new Error(step), { code: step });
            const taken = Math.min(step, length);
            arrived.push(`direct${fd}:${Buffer.from(bytes.subarray(offset, offset + taken)).toString('utf8')}`);
            return taken;
        },
        fstatSync: () => ({ isCharacterDevice: () => characterDevice }),
        stream: fd => {
            streamsMade.push(fd);
            return {
                write: (chunk: string | Uint8Array) => { arrived.push(`stream${fd}:${Buffer.from(chunk).toString('utf8')}`); return true; },
                on: (event: string) => { handlers.push(`${fd}:${event}`); return undefined as never; },
                isTTY: true
            } as unknown as ReturnType<StandardOutputSystem['stream']>;
        }
    };
    return { system, arrived, streamsMade, handlers };
}

const joined = (arrived: string[], fd: 1 | 2) => arrived.filter(a => a.includes(`${fd}:`)).map(a => a.slice(a.indexOf(':') + 1)).join('');

describe('standard output written directly', () => {
    it('writes each text whole with the system call, taking partial writes in turn, and makes no stream', () => {
        const fake = fakeSystem([3, 1, 2]);
        const output = standardOutput(() => {}, fake.system);
        output.stdout('héllo wörld');
        output.stderr('problem\n');
        output.stdout('');
        expect(joined(fake.arrived, 1)).toBe('héllo wörld');
        expect(joined(fake.arrived, 2)).toBe('problem\n');
        expect(fake.arrived.every(a => a.startsWith('direct'))).toBe(true);
        expect(fake.streamsMade).toEqual([]);
        expect(output.streamed()).toBe(false);
    });

    it('from the first write that fails (EAGAIN), gives the rest and all that follows, of both, to the streams in order', () => {
        const fake = fakeSystem([4, 'EAGAIN']);
        const output = standardOutput(() => {}, fake.system);
        output.stdout('0123456789');
        output.stderr('after\n');
        output.stdout('last');
        expect(fake.arrived).toEqual(['direct1:0123', 'stream1:456789', 'stream2:after\n', 'stream1:last']);
        expect(output.streamed()).toBe(true);
        // stdout's stream gets the error handler (a closed pipe: EPIPE) once.
        expect(fake.handlers).toEqual(['1:error']);
    });

    it('a closed pipe (EPIPE) goes to the stream, whose error is what exits as before', () => {
        const fake = fakeSystem(['EPIPE']);
        const output = standardOutput(() => {}, fake.system);
        output.stdout('report');
        expect(fake.arrived).toEqual(['stream1:report']);
        expect(fake.handlers).toEqual(['1:error']);
    });

    it('a write that takes nothing is not retried for ever', () => {
        const fake = fakeSystem([0]);
        standardOutput(() => {}, fake.system).stdout('abc');
        expect(fake.arrived).toEqual(['direct1:', 'stream1:abc']);
    });

    it('on Windows, only the streams', () => {
        const fake = fakeSystem([], 'win32');
        const output = standardOutput(() => {}, fake.system);
        output.stdout('a');
        output.stderr('b');
        expect(fake.arrived).toEqual(['stream1:a', 'stream2:b']);
    });

    it('a terminal is asked of the stream only when the descriptor is a character device', () => {
        const pipe = fakeSystem([]);
        expect(standardOutput(() => {}, pipe.system).isTerminal(1)).toBe(false);
        expect(pipe.streamsMade).toEqual([]);
        const device = fakeSystem([], 'linux', true);
        const onDevice = standardOutput(() => {}, device.system);
        expect(onDevice.isTerminal(1)).toBe(true);
        expect(device.streamsMade).toEqual([1]);
        // (a stream asked only whether it is a terminal holds nothing still to write)
        expect(onDevice.streamed()).toBe(false);
    });
});

/** A workspace of one file whose JSON report is about `count` × 250 bytes (an unused customer each). */
function bigReport(count: number): string {
    const text = Array.from({ length: count }, (_, i) => `customer C${i} "Customer ${i}"\n`).join('');
    return workspace({ 'many.copis': text });
}

/** Runs the shipped CLI with stdout a pipe; `wrap` puts a Node in between that makes the pipe non-blocking; reading starts after `delay` ms, or stops after `keep` bytes. */
function run(dir: string, args: string[], options: { nonBlocking?: boolean; delay?: number; keep?: number } = {}): Promise<{ code: number | null; stdout: Buffer; stderr: string }> {
    // A Node that asks for its own process.stdout makes the pipe non-blocking (libuv), for the child it starts too.
    const wrapper = `process.stdout; const r = require('node:child_process').spawnSync(process.execPath, ${JSON.stringify([BUNDLE, ...args])}, { stdio: 'inherit' }); process.exitCode = r.status;`;
    const command = options.nonBlocking ? ['-e', wrapper] : [BUNDLE, ...args];
    return new Promise(resolve => {
        const child = spawn(process.execPath, command, { cwd: dir, env: { ...process.env, COPIS_CODE_CACHE: 'off' } });
        const chunks: Buffer[] = [];
        let stderr = '';
        child.stdout.pause();
        setTimeout(() => {
            child.stdout.on('data', (chunk: Buffer) => {
                chunks.push(chunk);
                if (options.keep !== undefined && Buffer.concat(chunks).length >= options.keep) child.stdout.destroy();
            });
            child.stdout.resume();
        }, options.delay ?? 0);
        child.stderr.on('data', chunk => { stderr += chunk; });
        child.on('close', code => resolve({ code, stdout: Buffer.concat(chunks), stderr }));
    });
}

describe('the shipped CLI writing its report', () => {
    it('through a non-blocking pipe that fills up, gives the whole report, as to a file', async () => {
        const dir = bigReport(6000);
        const file = join(dir, 'report.json');
        const fd = openSync(file, 'w');
        const toFile = spawnSync(process.execPath, [BUNDLE, 'validate', '.', '--format', 'json'], { cwd: dir, stdio: ['ignore', fd, 'pipe'], env: { ...process.env, COPIS_CODE_CACHE: 'off' } });
        closeSync(fd);
        const expected = readFileSync(file);
        expect(expected.length).toBeGreaterThan(1_000_000);
        expect(JSON.parse(expected.toString('utf8')).diagnostics).toHaveLength(6000);
        const piped = await run(dir, ['validate', '.', '--format', 'json'], { nonBlocking: true, delay: 1500 });
        expect(piped.stderr).toBe('');
        expect(piped.code).toBe(toFile.status);
        expect(piped.stdout.equals(expected)).toBe(true);
        const blocking = await run(dir, ['validate', '.', '--format', 'json'], { delay: 500 });
        expect(blocking.stdout.equals(expected)).toBe(true);
    }, 60_000);

    it('to a pipe closed early (`| head`), ends without a word on stderr', async () => {
        const dir = bigReport(3000);
        const closed = await run(dir, ['validate', '.', '--format', 'json'], { keep: 1 });
        expect(closed.stderr).toBe('');
        expect(closed.code).toBe(0);
    }, 60_000);
});

describe('the shipped CLI at its end', () => {
    it('ends as soon as nothing is left to do, with its exit code, its whole report and its code cache written', async () => {
        const dir = workspace({ 'bad.copis': 'customer Rider "Rider"\njourney Trip "Trip" {\n  persona Nobody\n}\n' });
        const preload = join(dir, 'end.cjs');
        // Node's own end of an idle process emits 'beforeExit'; copis's (process.exit, in main.ts) does not.
        writeFileSync(preload, "process.on('beforeExit', () => require('node:fs').writeSync(2, 'BEFORE-EXIT\\n'));\nprocess.on('exit', code => require('node:fs').writeSync(2, 'EXIT ' + code + '\\n'));\n");
        const cache = join(dir, 'cache');
        const args = ['-r', preload, BUNDLE, 'validate', 'bad.copis', '--format', 'json'];
        const first = spawnSync(process.execPath, args, { cwd: dir, encoding: 'utf8', env: { ...process.env, COPIS_CODE_CACHE: cache } });
        expect(first.stderr).toBe('EXIT 1\n');
        expect(first.status).toBe(1);
        expect(JSON.parse(first.stdout).summary.errors).toBeGreaterThan(0);
        expect(readdirSync(cache).filter(f => f.startsWith('validate-') && f.endsWith('.bin'))).toHaveLength(1);
    }, 60_000);
});
