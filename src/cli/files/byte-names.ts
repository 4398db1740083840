import { realpathSync } from 'node:fs';
import { URI } from 'langium';

/*
 * A file name on Linux is bytes, not text: `bad\xff\xfe.copis` is a valid name that is not UTF-8. Node
 * decodes such a name with U+FFFD for the invalid bytes, and the path made of that text names another
 * file (or none): the file is "not found" though readdir listed it.
 *
 * So paths stay strings everywhere in the CLI (they are sorted, compared, made relative and joined as
 * text), and a byte that is not part of valid UTF-8 is held as the lone surrogate U+DC80 + byte (as
 * Python's `surrogateescape` does). No valid UTF-8 decodes to a lone surrogate, so the mapping is one to
 * one; `toFs` gives the bytes back to every call into the file system.
 */

const RAW_BYTE = /[\uDC80-\uDCFF]/;
const RAW_BYTES = /[\uDC80-\uDCFF]/g;
const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** A name (or path) read as bytes, as text: UTF-8 decoded, each byte that is not valid UTF-8 as U+DC80 + byte. */
export function nameOf(bytes: Uint8Array): string {
    try {
        return UTF8.decode(bytes);
    } catch {
        // not UTF-8: byte by byte below
    }
    let text = '';
    for (let i = 0; i < bytes.length;) {
        const length = utf8SequenceLength(bytes, i);
        if (length === 0) {
            text += String.fromCharCode(0xdc00 + bytes[i]);
            i++;
        } else {
            text += Buffer.from(bytes.subarray(i, i + length)).toString('utf8');
            i += length;
        }
    }
    return text;
}

/** How long the valid UTF-8 sequence at `i` is, or 0 when the byte there does not start one (RFC 3629: no overlongs, no surrogates, at most U+10FFFF). */
function utf8SequenceLength(bytes: Uint8Array, i: number): number {
    const b0 = bytes[i];
    if (b0 < 0x80) return 1;
    const continuation = (k: number, low = 0x80, high = 0xbf) => i + k < bytes.length && bytes[i + k] >= low && bytes[i + k] <= high;
    if (b0 >= 0xc2 && b0 <= 0xdf) return continuation(1) ? 2 : 0;
    if (b0 >= 0xe0 && b0 <= 0xef) {
        const [low, high] = b0 === 0xe0 ? [0xa0, 0xbf] : b0 === 0xed ? [0x80, 0x9f] : [0x80, 0xbf];
        return continuation(1, low, high) && continuation(2) ? 3 : 0;
    }
    if (b0 >= 0xf0 && b0 <= 0xf4) {
        const [low, high] = b0 === 0xf0 ? [0x90, 0xbf] : b0 === 0xf4 ? [0x80, 0x8f] : [0x80, 0xbf];
        return continuation(1, low, high) && continuation(2) && continuation(3) ? 4 : 0;
    }
    return 0;
}

/** Whether `path` holds bytes that are not UTF-8 (and so must reach the file system as a Buffer). */
export function hasRawBytes(path: string): boolean {
    return RAW_BYTE.test(path);
}

/** `path` as the file system takes it: itself, or its bytes when it holds bytes that are not UTF-8. */
export function toFs(path: string): string | Buffer {
    if (!hasRawBytes(path)) return path;
    const parts: Buffer[] = [];
    let start = 0;
    for (const m of path.matchAll(RAW_BYTES)) {
        parts.push(Buffer.from(path.slice(start, m.index), 'utf8'), Buffer.of(m[0].charCodeAt(0) - 0xdc00));
        start = m.index + 1;
    }
    parts.push(Buffer.from(path.slice(start), 'utf8'));
    return Buffer.concat(parts);
}

/** What the file system gave back (a path as a Buffer, or a string), as a path of the CLI. */
export function fromFs(path: string | Buffer): string {
    return typeof path === 'string' ? path : nameOf(path);
}

/**
 * The real path of `path` (links resolved), kept as bytes on the way. realpath(3) itself, directly: a run asks
 * it for every file, and a trip through libuv's thread pool for each cost more than the call.
 */
export async function realPathOf(path: string): Promise<string> {
    return fromFs(realpathSync.native(toFs(path), { encoding: 'buffer' }));
}

/** The real path of `path`, or `path` itself when it has none (it does not exist, or a link on the way is broken). */
export async function realOrSame(path: string): Promise<string> {
    try {
        return await realPathOf(path);
    } catch {
        return path;
    }
}

/** Each byte that is not UTF-8, as `\xHH` (and nothing else changed). */
export function escapeRawBytes(path: string): string {
    return path.replace(RAW_BYTES, c => `\\x${(c.charCodeAt(0) - 0xdc00).toString(16).toUpperCase()}`);
}

/**
 * The document URI of a file. A URI must be valid Unicode, so a name with bytes that are not UTF-8 gets
 * them as `\xHH` in its path (which is how a message that names the file shows it) and its exact bytes,
 * in hex, as the query: two such files never share a URI.
 */
export function fileUri(path: string): string {
    if (!hasRawBytes(path)) return URI.file(path).toString();
    return URI.file(escapeRawBytes(path)).with({ query: `bytes=${(toFs(path) as Buffer).toString('hex')}` }).toString();
}
