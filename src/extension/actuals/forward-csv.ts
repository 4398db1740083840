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

    constructor(private readonly send: (params: ActualsTextParams) => void, private readonly delayMs = FORWARD_DELAY_MS) {}

    /** The text of an open CSV file, after opening or an edit. */
    changed(uri: string, text: string): void {
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
        this.send({ uri });
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
