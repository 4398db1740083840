/**
 * Eight random hexadecimal digits, for a temporary file's or folder's name. node:crypto is loaded here, when
 * something is written, not when copis starts: loading it cost every run about 3 ms, and `copis validate`
 * writes nothing.
 */
export function randomName(): string {
    return process.getBuiltinModule('node:crypto').randomBytes(4).toString('hex');
}
