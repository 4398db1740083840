/**
 * The custom messages between the copis language server and its clients (the VS Code
 * extension's preview), typed once and imported by both sides. Plain data only: nothing here
 * (and nothing it imports at run time) touches `vscode` or the DOM.
 */
import { NotificationType, RequestType } from 'vscode-languageserver-protocol';
import type { DiagramElement, DiagramView, Panes } from './diagram/index.js';

export type { DiagramElement, DiagramView, Panes };

/** Which diagram to draw. */
export interface DiagramParams {
    /** The document (a `.copis` file) whose journey to draw. */
    uri: string;
    view: DiagramView;
    /** A customer id: show only that customer's path (ignored when the journey has no such customer). */
    customer?: string;
    /** A journey's name in the document; the first journey by default. */
    journey?: string;
    /** Journey view: touchpoints, emotion, moments and pains only, in narrower columns. */
    compact?: boolean;
    /**
     * `themed` (default): colours are CSS variables with light fallbacks, for the preview.
     * `resolved`: the light colours written out, as `copis export --to svg` writes them.
     */
    colours?: 'themed' | 'resolved';
}

/** A journey or customer, for the preview's pickers. */
export interface NamedItem {
    id: string;
    title: string;
}

/** The first syntax error of a document that does not parse. */
export interface DiagramError {
    message: string;
    /** From 1. */
    line: number;
}

export interface DiagramResult {
    uri: string;
    view: DiagramView;
    /** The SVG; empty when there is nothing to draw (see `notice`). */
    svg: string;
    width: number;
    height: number;
    /** The model elements drawn, with where each is declared (for reveal and highlight). */
    elements: DiagramElement[];
    /** Journey view: the lane labels and the stage headers as SVGs of their own, kept in view while the diagram scrolls. */
    panes?: Panes;
    /** The journeys declared in the document, in order. */
    journeys: NamedItem[];
    /** The customers of the journey shown (the customer filter's choices). */
    customers: NamedItem[];
    /** The journey shown (its name), if any. */
    journey?: string;
    /** The customer filter applied, if any. */
    customer?: string;
    /** Drawn in compact mode (journey view). */
    compact?: boolean;
    /** Set while the text does not parse: the first syntax error. */
    error?: DiagramError;
    /**
     * True while the text does not parse: the diagram is the last one drawn from text that
     * parsed (or, if there was none, what could be recovered from the broken text).
     */
    stale: boolean;
    /** Why there is no diagram, in words for the user (no journey in the file, unknown file). */
    notice?: string;
}

export namespace DiagramRequest {
    export const method = 'copis/diagram';
    export const type = new RequestType<DiagramParams, DiagramResult, void>(method);
}

export interface ModelChangedParams {
    /** A document that was just built and validated again (its diagram may have changed). */
    uri: string;
}

/** Server → client, after each validated build, once per affected document. */
export namespace ModelChangedNotification {
    export const method = 'copis/modelChanged';
    export const type = new NotificationType<ModelChangedParams>(method);
}

/**
 * A file or folder of the client's workspace, for a server that cannot read it itself (the
 * language server of the web extension runs in a worker without a file system).
 */
export interface WorkspaceEntry {
    uri: string;
    isFile: boolean;
    isDirectory: boolean;
}

/** Server → client: the entries of a workspace folder. */
export namespace ReadDirectoryRequest {
    export const method = 'copis/readDirectory';
    export const type = new RequestType<{ uri: string }, WorkspaceEntry[], void>(method);
}

/** Server → client: the text of a workspace file (UTF-8). */
export namespace ReadFileRequest {
    export const method = 'copis/readFile';
    export const type = new RequestType<{ uri: string }, string, void>(method);
}

export interface ActualsTextParams {
    /** A `.csv` file open in the editor. */
    uri: string;
    /** Its text as the editor has it (saved or not); absent when it was closed: the file on disk counts again. */
    text?: string;
}

/**
 * Client → server: the text of a CSV file open in the editor, so that a file of KPI actuals
 * (language §7) is checked while it is typed, not only once saved. The server ignores CSV files
 * that hold no actuals; the client sends only those the server named (ActualsFilesNotification).
 */
export namespace ActualsTextNotification {
    export const method = 'copis/actualsText';
    export const type = new NotificationType<ActualsTextParams>(method);
}

export interface ActualsFilesParams {
    /** Every CSV file the server reads KPI actuals from now (those the configs' `actuals` name), by URI. */
    uris: string[];
}

/**
 * Server → client, whenever that set changes (the first time once it is known): which CSV files are
 * files of KPI actuals, so that the client forwards the unsaved text of those (copis/actualsText)
 * and of no other CSV file. Only the server can tell: it knows the model roots and their configs.
 */
export namespace ActualsFilesNotification {
    export const method = 'copis/actualsFiles';
    export const type = new NotificationType<ActualsFilesParams>(method);
}
