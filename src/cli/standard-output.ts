import { fstatSync, writeSync } from 'node:fs';

/**
 * Writes to standard output and error with the system's write itself, while that takes each text whole, in one go or
 * several: asking for `process.stdout` when it is a pipe makes Node load its net module and make a socket, 7 million
 * instructions (1.3 % of a one-declaration `copis validate`; docs/performance.md, "Fifth round: the start and the end").
 *
 * From the first write that fails (a non-blocking descriptor that is full: EAGAIN; a closed pipe: EPIPE; anything
 * else), what is left of it and everything after, to both descriptors, goes through Node's streams, in order: a pipe
 * that is full is then waited for as before, and a closed one gives the stream's 'error' (`onStdoutError`) as before.
 * On Windows the streams do it all (the console takes text through them, not bytes).
 */
export interface StandardOutput {
    stdout(text: string): void;
    stderr(text: string): void;
    /** Whether `fd` (1 or 2) is a terminal, as `process.stdout.isTTY` says, without making the stream when it is a pipe or a file. */
    isTerminal(fd: 1 | 2): boolean;
    /** Whether anything went to a stream, which may still be writing it. */
    streamed(): boolean;
}

/** What standardOutput writes with: the process's own, or a test's. */
export interface StandardOutputSystem {
    platform: NodeJS.Platform;
    writeSync(fd: number, bytes: Uint8Array, offset: number, length: number): number;
    fstatSync(fd: number): { isCharacterDevice(): boolean };
    /** The stream of `fd`, made when first asked for (`process.stdout`, `process.stderr`). */
    stream(fd: 1 | 2): Pick<NodeJS.WriteStream, 'write' | 'on' | 'isTTY'>;
}

const PROCESS_SYSTEM: StandardOutputSystem = {
    platform: process.platform,
    writeSync,
    fstatSync,
    stream: fd => fd === 1 ? process.stdout : process.stderr
};

export function standardOutput(onStdoutError: (error: Error) => void, system: StandardOutputSystem = PROCESS_SYSTEM): StandardOutput {
    let streaming = system.platform === 'win32';
    let streamed = false;
    let stdoutStream: ReturnType<StandardOutputSystem['stream']> | undefined;
    const stream = (fd: 1 | 2) => {
        if (fd === 2) return system.stream(2);
        if (stdoutStream === undefined) {
            stdoutStream = system.stream(1);
            stdoutStream.on('error', onStdoutError);
        }
        return stdoutStream;
    };
    const write = (fd: 1 | 2, text: string): void => {
        if (streaming) {
            streamed = true;
            stream(fd).write(text);
            return;
        }
        const bytes = Buffer.from(text, 'utf8');
        let written = 0;
        try {
            while (written < bytes.length) {
                const count = system.writeSync(fd, bytes, written, bytes.length - written);
                if (count <= 0) break;
                written += count;
            }
            if (written === bytes.length) return;
        } catch {
            // (what the stream makes of the same write, below)
        }
        streaming = true;
        streamed = true;
        stream(fd).write(bytes.subarray(written));
    };
    return {
        stdout: text => write(1, text),
        stderr: text => write(2, text),
        isTerminal: fd => {
            if (!streaming) {
                try {
                    // A terminal is a character device; a pipe, a socket or a file never is.
                    if (!system.fstatSync(fd).isCharacterDevice()) return false;
                } catch {
                    // (the stream says)
                }
            }
            return stream(fd).isTTY === true;
        },
        streamed: () => streamed
    };
}
