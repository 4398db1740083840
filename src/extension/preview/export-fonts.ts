import * as vscode from 'vscode';
import type { EmbeddedFont } from '../../webview/messages.js';
import { encodeBase64 } from './payload.js';

/** The fonts `copis export --to png` draws with (scripts/bundle.mjs copies them into dist/fonts). */
const FILES: ReadonlyArray<{ weight: EmbeddedFont['weight']; file: string }> = [
    { weight: 400, file: 'Arimo-Regular.ttf' },
    { weight: 700, file: 'Arimo-Bold.ttf' }
];

const read = new Map<string, Promise<EmbeddedFont[]>>();

/**
 * The PNG export's fonts from the extension's own files, read once per window; none (the PNG is
 * drawn with the machine's fonts, and the log says why) when they cannot be read.
 */
export function exportFonts(extensionUri: vscode.Uri, log: vscode.LogOutputChannel): Promise<EmbeddedFont[]> {
    const key = extensionUri.toString();
    let fonts = read.get(key);
    if (!fonts) {
        fonts = Promise.all(FILES.map(async ({ weight, file }) => ({
            weight, base64: encodeBase64(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(extensionUri, 'dist', 'fonts', file)))
        }))).catch((error: unknown) => {
            log.warn(`The PNG export's fonts could not be read (${error instanceof Error ? error.message : String(error)}); PNGs use this machine's fonts.`);
            read.delete(key);
            return [];
        });
        read.set(key, fonts);
    }
    return fonts;
}
