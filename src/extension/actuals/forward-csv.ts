/**
 * Forwards the text of the CSV files open in the editor to the language server (a file of KPI
 * actuals is checked while it is typed): per file, once typing pauses for `delayMs`, and at once
 * when it is closed (then the saved file counts again). No VS Code here: activate.ts wires the
 * editor's events to it.
 */
import type { ActualsTextParams } from '../../../language-server/protocol.js';

export const FORWARD_DELAY_MS = 300;

type Timer = ReturnType<typeof setTimeout>;

export class CsvTextForwarder {
    private readonly pending = new Map<string, { timer: Timer; text: string }>();
    /** Files already sent: they go on being sent even when their header no longer names `kpi` (the server reports that). */
    private readonly sent = new Set<string>();

    constructor(private readonly send: (params: ActualsTextParams) => void, private readonly delayMs = FORWARD_DELAY_MS) {}

    /**
     * The text of an open CSV file, after opening or an edit. A file whose first line does not
     * mention `kpi` holds no actuals: it is not sent (an open 50 MB export of something else
     * would otherwise cross the connection after every pause in typing).
     */
    changed(uri: string, text: string): void {
        if (!this.sent.has(uri) && !/^[^\r\n]*kpi/i.test(text)) return;
        this.sent.add(uri);
        const previous = this.pending.get(uri);
        if (previous) clearTimeout(previous.timer);
        const timer = setTimeout(() => {
            this.pending.delete(uri);
            this.send({ uri, text });
        }, this.delayMs);
        this.pending.set(uri, { timer, text });
    }

    /** The file was closed: what it held unsaved no longer counts. */
    closed(uri: string): void {
        const previous = this.pending.get(uri);
        if (previous) clearTimeout(previous.timer);
        this.pending.delete(uri);
        if (this.sent.delete(uri)) this.send({ uri });
    }

    dispose(): void {
        for (const { timer } of this.pending.values()) clearTimeout(timer);
        this.pending.clear();
    }
}

/** Whether an editor document is a CSV file on disk (the only ones that can hold actuals). */
export function isCsvDocument(uri: { scheme: string; path: string }): boolean {
    return /\.csv$/i.test(uri.path) && uri.scheme !== 'git' && uri.scheme !== 'output';
}
