/**
 * The preview's side of the server: `copis/diagram` draws a journey of a document, and
 * `copis/modelChanged` tells the client when a document was built again. While a document
 * does not parse, the answer is the last diagram drawn from text that parsed, marked stale,
 * with the first syntax error (the preview keeps it on screen and says why).
 */
import {
    DocumentState, OperationCancelled, ReadPriority, URI, WorkspaceCache, isOperationCancelled, type LangiumDocument, type LangiumSharedCoreServices
} from 'langium';
import type { CancellationToken, Connection, Disposable } from 'vscode-languageserver';
import { LSPErrorCodes, ResponseError } from 'vscode-languageserver';
import { errorsOf, renderDiagram, renderStandaloneSvg, type DiagramProblem } from '../diagram/index.js';
import * as ast from '../generated/ast.js';
import type { CopisAddedServices } from '../copis-module.js';
import { buildJourneyModel, type ActualsOf } from '../model/build-model.js';
import type { JourneyModel } from '../model/journey-model.js';
import { label } from '../model/labels.js';
import {
    DiagramRequest, ModelChangedNotification, type DiagramError, type DiagramParams, type DiagramResult, type NamedItem
} from '../protocol.js';

/** The journeys of a document that parsed, resolved: what a stale answer is drawn from. */
interface GoodModels {
    journeys: NamedItem[];
    /** Copies, safe from later parses. */
    models: Map<string, JourneyModel>;
    /** The cached models they were copied from (so an unchanged journey is not copied again). */
    sources: Map<string, JourneyModel>;
}

export class DiagramService {
    private readonly shared: LangiumSharedCoreServices;
    /** Resolved journeys, `uri#name` → model; emptied by every workspace update. */
    private readonly models: WorkspaceCache<string, JourneyModel>;
    /** Per document, the journeys of the last text that parsed (kept across updates). */
    private readonly lastGood = new Map<string, GoodModels>();

    constructor(shared: LangiumSharedCoreServices) {
        this.shared = shared;
        this.models = new WorkspaceCache(shared);
        shared.workspace.DocumentBuilder.onUpdate((_changed, deleted) => deleted.forEach(uri => this.lastGood.delete(uri.toString())));
    }

    /**
     * Answers `copis/diagram`: waits until the document is validated (or the workspace is
     * loaded, for a document that is not open), then draws it.
     */
    async diagram(params: DiagramParams, token?: CancellationToken): Promise<DiagramResult> {
        const { WorkspaceManager, DocumentBuilder, LangiumDocuments, WorkspaceLock } = this.shared.workspace;
        await WorkspaceManager.ready;
        const uri = URI.parse(params.uri);
        if (!LangiumDocuments.hasDocument(uri)) return this.empty(params, 'The COPIS language server has not loaded this file.');
        try {
            await DocumentBuilder.waitUntil(DocumentState.Validated, uri, token);
        } catch (error) {
            if (isOperationCancelled(error) || token?.isCancellationRequested) throw error;
            // The document left the workspace, or this build skips it: answer from what there is.
        }
        const draw = () => {
            const document = LangiumDocuments.getDocument(uri);
            return document ? this.diagramOf(document, params) : this.empty(params, 'The COPIS language server has not loaded this file.');
        };
        // Reading beside a build is safe once the document is linked (all documents of the build are
        // by then); if an edit came in meanwhile and reset it, wait for that build to finish.
        const now = await WorkspaceLock.read(() => this.isLinked(uri) ? draw() : undefined, ReadPriority.Immediate);
        return now ?? WorkspaceLock.read(draw);
    }

    /** The KPI actuals (language §7) of the language that serves `uri`: they take the place of `current` in the diagram too. */
    private actualsOf(uri: URI): ActualsOf | undefined {
        const services = this.shared.ServiceRegistry.getServices(uri) as unknown as Partial<CopisAddedServices>;
        return services.validation?.Actuals?.lookup;
    }

    private isLinked(uri: URI): boolean {
        const state = this.shared.workspace.LangiumDocuments.getDocument(uri)?.state;
        return state !== undefined && state >= DocumentState.Linked;
    }

    /** The diagram of a built document (linked at least). */
    diagramOf(document: LangiumDocument, params: DiagramParams): DiagramResult {
        const uri = document.uri.toString();
        const error = firstSyntaxError(document);
        const root = document.parseResult.value as ast.Model;
        const journeyNodes = (root?.elements ?? []).filter(ast.isJourney).filter(j => !!j.name);
        const journeys = journeyNodes.map(j => ({ id: j.name, title: label(j) }));

        if (!error) {
            // Parsed: draw the text as it is, and keep its journeys for when it stops parsing.
            const models = new Map<string, JourneyModel>();
            for (const node of journeyNodes) if (!models.has(node.name)) models.set(node.name, this.modelOf(uri, node));
            this.remember(uri, journeys, models);
            return this.draw(params, journeys, models, false);
        }
        const good = this.lastGood.get(uri);
        if (good) return { ...this.draw(params, good.journeys, good.models, true), error };
        // Nothing parsed yet since the server started: draw what the parser recovered, if it can be.
        const models = new Map<string, JourneyModel>();
        for (const node of journeyNodes) {
            try {
                if (!models.has(node.name)) models.set(node.name, buildJourneyModel(node, { actualsOf: this.actualsOf(document.uri) }).model);
            } catch {
                // a recovered tree too broken to resolve: leave that journey out
            }
        }
        try {
            return { ...this.draw(params, journeys.filter(j => models.has(j.id)), models, true), error };
        } catch {
            return { ...this.empty(params, 'The file does not parse yet.'), stale: true, error };
        }
    }

    /**
     * Keeps a copy of the journeys: the model's source ranges are objects of the syntax tree,
     * which the next parse of the same document may change.
     */
    private remember(uri: string, journeys: NamedItem[], models: Map<string, JourneyModel>): void {
        const previous = this.lastGood.get(uri);
        const copies = new Map<string, JourneyModel>();
        for (const [name, model] of models) {
            copies.set(name, previous?.sources.get(name) === model ? previous.models.get(name)! : structuredClone(model));
        }
        this.lastGood.set(uri, { journeys, models: copies, sources: models });
    }

    private modelOf(uri: string, node: ast.Journey): JourneyModel {
        return this.models.get(`${uri}#${node.name}`, () => buildJourneyModel(node, { actualsOf: this.actualsOf(URI.parse(uri)) }).model);
    }

    private draw(params: DiagramParams, journeys: NamedItem[], models: Map<string, JourneyModel>, stale: boolean): DiagramResult {
        const chosen = (params.journey !== undefined && models.has(params.journey) ? params.journey : undefined) ?? journeys[0]?.id;
        const model = chosen === undefined ? undefined : models.get(chosen);
        if (!model) return { ...this.empty(params, 'This file declares no journey.'), journeys, stale };
        const customers: NamedItem[] = model.customerDetails.map(c => ({ id: c.id, title: label(c) }));
        const customer = params.customer !== undefined && customers.some(c => c.id === params.customer) ? params.customer : undefined;
        // A stale model is drawn from text that no longer exists: today's errors would not fit it.
        const problems = stale ? [] : this.problemsOf(model);
        const compact = params.compact === true && params.view === 'journey';
        const options = { view: params.view, problems, compact, ...(customer !== undefined ? { customer } : {}) };
        const rendered = renderDiagram(model, options);
        const result: DiagramResult = {
            uri: params.uri, view: params.view,
            // resolved: for a file (the preview's Export SVG), with the rules that show a recovery badge's link where no script runs
            svg: params.colours === 'resolved' ? renderStandaloneSvg(model, options, { revealStyle: true }) : rendered.svg,
            width: rendered.width, height: rendered.height, elements: rendered.elements,
            ...(rendered.panes && params.colours !== 'resolved' ? { panes: rendered.panes } : {}),
            journeys, customers, journey: chosen, stale
        };
        if (customer !== undefined) result.customer = customer;
        if (compact) result.compact = true;
        return result;
    }

    /** The errors in the documents that declare what the journey draws. */
    private problemsOf(model: JourneyModel): DiagramProblem[] {
        const uris = new Set<string>();
        const visit = (e: { location?: { uri: string } }) => { if (e.location) uris.add(e.location.uri); };
        [model, ...model.stages, ...model.touchpoints, ...model.moments, ...model.pains, ...model.opportunities, ...model.objectives,
            ...model.processes, ...model.customerDetails, ...model.systems, ...model.information].forEach(visit);
        const { LangiumDocuments } = this.shared.workspace;
        return [...uris].flatMap(uri => {
            const document = LangiumDocuments.getDocument(URI.parse(uri));
            return document ? errorsOf(uri, document.diagnostics) : [];
        });
    }

    private empty(params: DiagramParams, notice: string): DiagramResult {
        return { uri: params.uri, view: params.view, svg: '', width: 0, height: 0, elements: [], journeys: [], customers: [], stale: false, notice };
    }
}

/** The first syntax error of a document (lexer or parser), or undefined when it parses. */
export function firstSyntaxError(document: LangiumDocument): DiagramError | undefined {
    const { lexerErrors, parserErrors } = document.parseResult;
    if (lexerErrors.length === 0 && parserErrors.length === 0) return undefined;
    // The validator's messages are the ones the editor shows: prefer them.
    const shown = (document.diagnostics ?? [])
        .filter(d => d.code === 'syntax')
        .sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character)[0];
    if (shown) return { message: typeof shown.message === 'string' ? shown.message : shown.message.value, line: shown.range.start.line + 1 };
    const candidates: DiagramError[] = [
        ...lexerErrors.map(e => ({ message: e.message, line: e.line ?? 1 })),
        ...parserErrors.map(e => ({
            message: e.message,
            line: Number.isFinite(e.token.startLine) ? e.token.startLine! : document.textDocument.lineCount
        }))
    ];
    return candidates.sort((a, b) => a.line - b.line)[0];
}

/** What the preview needs of a connection; the language server's connection has it. */
export type PreviewConnection = Pick<Connection, 'onRequest' | 'sendNotification'>;

/**
 * Answers `copis/diagram` on the connection and sends `copis/modelChanged` for every document
 * that reaches `Validated` (also when a later edit cancels the rest of the build).
 */
export function registerDiagramRequest(
    shared: LangiumSharedCoreServices & { lsp?: { Connection?: Connection } },
    connection: PreviewConnection | undefined = shared.lsp?.Connection
): { service: DiagramService; dispose(): void } {
    const service = new DiagramService(shared);
    const disposables: Disposable[] = [];
    if (connection) {
        disposables.push(connection.onRequest(DiagramRequest.type, async (params, token) => {
            try {
                return await service.diagram(params, token);
            } catch (error) {
                if (isOperationCancelled(error) || error === OperationCancelled) {
                    return new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');
                }
                throw error;
            }
        }));
        disposables.push(shared.workspace.DocumentBuilder.onDocumentPhase(DocumentState.Validated, document => {
            void connection.sendNotification(ModelChangedNotification.type, { uri: document.uri.toString() });
        }));
    }
    return { service, dispose: () => disposables.forEach(d => d.dispose()) };
}
