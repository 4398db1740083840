import { randomBytes } from 'node:crypto';

/**
 * Eight random hexadecimal digits, for a temporary file's or folder's name. In the CLI's bundle node:crypto is
 * loaded when this first runs (scripts/lazy-builtins.mjs): loading it cost every run about 3 ms, and `copis
 * validate` writes nothing.
 */
export function randomName(): string {
    return randomBytes(4).toString('hex');
}
