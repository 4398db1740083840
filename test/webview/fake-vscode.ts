/**
 * Just enough of the `vscode` API for the preview's extension side to run in Node under
 * vitest (`vi.mock('vscode', ...)`), recording what the extension asks the editor to do.
 * URIs are vscode-uri's, the implementation VS Code itself uses.
 */
import { URI, UriUtils as Utils } from 'langium';

type Listener<T> = (value: T) => unknown;

export class EventEmitter<T> {
    private listeners: Array<Listener<T>> = [];
    event = (listener: Listener<T>) => {
        this.listeners.push(listener);
        return { dispose: () => { this.listeners = this.listeners.filter(l => l !== listener); } };
    };
    fire(value: T): void {
        for (const l of [...this.listeners]) l(value);
    }
    dispose(): void {
        this.listeners = [];
    }
}

export const Uri = {
    parse: (value: string) => URI.parse(value),
    file: (path: string) => URI.file(path),
    joinPath: (base: URI, ...segments: string[]) => Utils.joinPath(base, ...segments)
};

export class Position {
    constructor(readonly line: number, readonly character: number) {}
}

export class Range {
    readonly start: Position;
    readonly end: Position;
    constructor(startLine: number, startCharacter: number, endLine: number, endCharacter: number) {
        this.start = new Position(startLine, startCharacter);
        this.end = new Position(endLine, endCharacter);
    }
}

export enum ViewColumn { Active = -1, Beside = -2, One = 1, Two = 2, Three = 3 }
export enum TextEditorRevealType { Default = 0, InCenter = 1, InCenterIfOutsideViewport = 2, AtTop = 3 }

export interface FakeEditor {
    document: { uri: URI; languageId: string };
    viewColumn: ViewColumn;
    selection: { active: Position };
    revealRange(range: Range, type: TextEditorRevealType): void;
}

export class FakeWebviewPanel {
    readonly posted: unknown[] = [];
    readonly messages = new EventEmitter<unknown>();
    readonly disposed = new EventEmitter<void>();
    readonly viewState = new EventEmitter<{ webviewPanel: FakeWebviewPanel }>();
    title = '';
    iconPath: unknown;
    visible = true;
    revealed: Array<{ column: unknown; preserveFocus: unknown }> = [];
    readonly webview = {
        options: {} as Record<string, unknown>,
        html: '',
        cspSource: 'https://fake.vscode-cdn.net',
        asWebviewUri: (uri: URI) => uri.with({ scheme: 'https', authority: 'fake.vscode-cdn.net' }),
        postMessage: async (message: unknown) => {
            this.posted.push(structuredClone(message));
            return true;
        },
        onDidReceiveMessage: this.messages.event
    };
    onDidDispose = this.disposed.event;
    onDidChangeViewState = this.viewState.event;

    constructor(readonly viewType: string, public viewColumn: ViewColumn, options: Record<string, unknown> = {}) {
        this.webview.options = options;
    }
    reveal(column?: ViewColumn, preserveFocus?: boolean): void {
        this.revealed.push({ column, preserveFocus });
    }
    dispose(): void {
        this.disposed.fire();
    }
    /** The page posts a message. */
    receive(message: unknown): void {
        this.messages.fire(message);
    }
    setVisible(visible: boolean): void {
        this.visible = visible;
        this.viewState.fire({ webviewPanel: this });
    }
}

/** What the extension did, for the test to check; `reset()` between tests. */
export const fake = {
    commands: new Map<string, (...args: unknown[]) => unknown>(),
    serializers: new Map<string, { deserializeWebviewPanel(panel: unknown, state: unknown): Promise<void> }>(),
    panels: [] as FakeWebviewPanel[],
    shown: [] as Array<{ uri: string; options: { viewColumn?: ViewColumn; selection?: Range; preserveFocus?: boolean } }>,
    /** Files in their final place (after the atomic rename). */
    written: [] as Array<{ uri: string; bytes: Uint8Array }>,
    staged: new Map<string, Uint8Array>(),
    /** Files the extension can read (`workspace.fs.readFile`), by URI. */
    files: new Map<string, Uint8Array>(),
    errors: [] as string[],
    infos: [] as string[],
    saveAs: undefined as URI | undefined,
    saveDialogs: [] as Array<{ defaultUri?: URI; filters?: Record<string, string[]> }>,
    activeEditor: new EventEmitter<FakeEditor | undefined>(),
    selection: new EventEmitter<{ textEditor: FakeEditor }>(),
    activeTextEditor: undefined as FakeEditor | undefined,
    visibleTextEditors: [] as FakeEditor[],
    reset(): void {
        this.commands.clear();
        this.serializers.clear();
        this.panels.length = 0;
        this.shown.length = 0;
        this.written.length = 0;
        this.staged.clear();
        this.files.clear();
        this.errors.length = 0;
        this.infos.length = 0;
        this.saveAs = undefined;
        this.saveDialogs.length = 0;
        this.activeEditor = new EventEmitter();
        this.selection = new EventEmitter();
        this.activeTextEditor = undefined;
        this.visibleTextEditors = [];
    },
    editor(uri: string, line = 0, character = 0, viewColumn = ViewColumn.One): FakeEditor {
        return {
            document: { uri: URI.parse(uri), languageId: 'copis' }, viewColumn,
            selection: { active: new Position(line, character) },
            revealRange: () => undefined
        };
    }
};

export const commands = {
    registerCommand(id: string, run: (...args: unknown[]) => unknown) {
        fake.commands.set(id, run);
        return { dispose: () => fake.commands.delete(id) };
    }
};

export const window = {
    get activeTextEditor() {
        return fake.activeTextEditor;
    },
    get visibleTextEditors() {
        return fake.visibleTextEditors;
    },
    onDidChangeActiveTextEditor: (l: Listener<FakeEditor | undefined>) => fake.activeEditor.event(l),
    onDidChangeTextEditorSelection: (l: Listener<{ textEditor: FakeEditor }>) => fake.selection.event(l),
    registerWebviewPanelSerializer(viewType: string, serializer: { deserializeWebviewPanel(panel: unknown, state: unknown): Promise<void> }) {
        fake.serializers.set(viewType, serializer);
        return { dispose: () => fake.serializers.delete(viewType) };
    },
    createWebviewPanel(viewType: string, _title: string, show: { viewColumn: ViewColumn }, options: Record<string, unknown>) {
        const panel = new FakeWebviewPanel(viewType, show.viewColumn, options);
        fake.panels.push(panel);
        return panel;
    },
    async showTextDocument(uri: URI, options: { viewColumn?: ViewColumn; selection?: Range; preserveFocus?: boolean }) {
        fake.shown.push({ uri: uri.toString(), options });
        return fake.editor(uri.toString(), options.selection?.start.line ?? 0, options.selection?.start.character ?? 0, options.viewColumn ?? ViewColumn.One);
    },
    async showSaveDialog(options: { defaultUri?: URI; filters?: Record<string, string[]> }) {
        fake.saveDialogs.push(options);
        return fake.saveAs;
    },
    async showErrorMessage(message: string) {
        fake.errors.push(message);
        return undefined;
    },
    async showInformationMessage(message: string) {
        fake.infos.push(message);
        return undefined;
    }
};

// Files written but not yet in place: exports go to a temporary file that a rename puts where asked.
export const workspace = {
    fs: {
        async readFile(uri: URI) {
            const bytes = fake.files.get(uri.toString());
            if (!bytes) throw new Error(`EntryNotFound (FileSystemError): ${uri.toString()}`);
            return bytes;
        },
        async writeFile(uri: URI, bytes: Uint8Array) {
            fake.staged.set(uri.toString(), bytes);
        },
        async rename(from: URI, to: URI, options: { overwrite?: boolean }) {
            const bytes = fake.staged.get(from.toString());
            if (!bytes) throw new Error(`rename: ${from.toString()} does not exist`);
            if (!options?.overwrite) throw new Error('rename without overwrite');
            fake.staged.delete(from.toString());
            fake.written.push({ uri: to.toString(), bytes });
        },
        async delete(uri: URI) {
            fake.staged.delete(uri.toString());
        }
    }
};
