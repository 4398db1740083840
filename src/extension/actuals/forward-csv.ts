/**
 * Forwards the text of the CSV files of KPI actuals open in the editor to the language server (a
 * file of actuals is checked while it is typed): per file, once typing pauses for `delayMs`, and at
 * once when it is closed (then the saved file counts again). Which CSV files are actuals files only
 * the server can tell (the `actuals` globs of each model root's config): it says so
 * (copis/actualsFiles), and no other CSV file is sent — an open 50 MB export of something else never
 * crosses the connection. No VS Code here: activate.ts wires the editor's events to it.
 */
import type { ActualsTextParams } from '../../../language-server/protocol.js';

export const FORWARD_DELAY_MS = 300;

type Timer = ReturnType<typeof setTimeout>;

export class CsvTextForwarder {
    /** The actuals files, as the server last named them. */
    private actualsFiles = new Set<string>();
    private readonly pending = new Map<string, { timer: Timer; text: string }>();
    /** Files whose text was sent: their closing (or their leaving the actuals files) is sent too. */
    private readonly sent = new Set<string>();

    /**
     * `unsavedText` gives the text of an open document that differs from its file on disk (undefined
     * when it is not open or is saved): what a file that becomes an actuals file while open holds.
     */
    constructor(
        private readonly send: (params: ActualsTextParams) => void,
        private readonly unsavedText: (uri: string) => string | undefined = () => undefined,
        private readonly delayMs = FORWARD_DELAY_MS
    ) {}

    /**
     * The server's actuals files (copis/actualsFiles). An open one that just became one is sent at once
     * if it holds unsaved text (the server read the saved one); one that is no longer one is let go.
     */
    setActualsFiles(uris: readonly string[]): void {
        const next = new Set(uris);
        for (const uri of [...this.sent, ...this.pending.keys()]) if (!next.has(uri)) this.letGo(uri);
        const added = uris.filter(uri => !this.actualsFiles.has(uri));
        this.actualsFiles = next;
        for (const uri of added) {
            const text = this.unsavedText(uri);
            if (text === undefined) continue;
            this.sent.add(uri);
            this.send({ uri, text });
        }
    }

    /** The text of an open CSV file, after opening or an edit: sent once typing pauses, if it is an actuals file. */
    changed(uri: string, text: string): void {
        if (!this.actualsFiles.has(uri)) return;
        const previous = this.pending.get(uri);
        if (previous) clearTimeout(previous.timer);
        const timer = setTimeout(() => {
            this.pending.delete(uri);
            this.sent.add(uri);
            this.send({ uri, text });
        }, this.delayMs);
        this.pending.set(uri, { timer, text });
    }

    /** The file was closed: what it held unsaved no longer counts. */
    closed(uri: string): void {
        this.letGo(uri);
    }

    /** The server (re)started: it knows no text and has named no actuals files yet. */
    restarted(): void {
        for (const { timer } of this.pending.values()) clearTimeout(timer);
        this.pending.clear();
        this.sent.clear();
        this.actualsFiles.clear();
    }

    dispose(): void {
        for (const { timer } of this.pending.values()) clearTimeout(timer);
        this.pending.clear();
    }

    private letGo(uri: string): void {
        const previous = this.pending.get(uri);
        if (previous) clearTimeout(previous.timer);
        this.pending.delete(uri);
        if (this.sent.delete(uri)) this.send({ uri });
    }
}

/** Whether an editor document is a CSV file on disk (the only ones that can hold actuals). */
export function isCsvDocument(uri: { scheme: string; path: string }): boolean {
    return /\.csv$/i.test(uri.path) && uri.scheme !== 'git' && uri.scheme !== 'output';
}
