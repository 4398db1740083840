import { CstUtils, type LangiumDocument } from 'langium';
import type { Diagnostic } from 'vscode-languageserver-types';
import { errorsOf } from '../../../language-server/diagram/problems.js';
import * as ast from '../../../language-server/generated/ast.js';
import { buildJourneyModel, customerModel, idOf, informationModel, objectiveModel, processModel, systemModel } from '../../../language-server/model/build-model.js';
import { compareDocumentUris } from '../../../language-server/references/declarations.js';
import { toCliDiagnostic } from '../diagnostics.js';
import { validateSources } from '../load-model.js';
import { configProblemDiagnostics } from '../validate/config-problems.js';
import type { ElementDiagnostic, FileProblem, WorkspaceModel } from './compare/workspace-model.js';
import type { RevisionFiles } from './read-revision.js';

/** What a revision's model is built from: its files, and (none: no actuals) the actuals files read at it. */
export type RevisionInput = Pick<RevisionFiles, 'sources' | 'unreadable' | 'roots' | 'isolated'> & Partial<Pick<RevisionFiles, 'actuals' | 'unreadableActuals'>>;

/**
 * Builds and validates one revision's files as `copis validate` judges them (load-model.ts
 * validateSources: each model root a model of its own, with its rule severities, and its KPIs judged
 * with that revision's actuals as of `asOf`), and keeps what the diff compares: the resolved models
 * (a KPI's latest actual in place of its `current`, as every view shows it), the diagnostics of the
 * named files, each tied to its declaration, and those of the actuals files, each tied to the KPI its
 * row names. The files loaded only because they are in a named file's model root are linked against,
 * not compared.
 */
export async function buildWorkspaceModel(files: RevisionInput, cwd: string, options: { asOf?: string } = {}): Promise<WorkspaceModel> {
    const actuals = files.actuals ?? [];
    const { documents, services, actualsDiagnostics } = await validateSources({
        sources: files.sources, roots: files.roots, isolated: files.isolated, actuals, asOf: options.asOf
    }, actuals);
    const actualsOf = services.validation.Actuals.lookup;
    const fileOfUri: Record<string, string> = {};
    const named = new Set<string>();
    files.sources.forEach((s, i) => {
        fileOfUri[documents[i].uri.toString()] = s.file;
        if (s.named) named.add(s.file);
    });
    const model: WorkspaceModel = {
        files: files.sources.filter(s => s.named).map(s => s.file), fileOfUri,
        customers: [], systems: [], information: [], processes: [], objectives: [], journeys: [],
        declaredIn: {},
        problems: [...files.unreadable, ...files.unreadableActuals ?? []].map(u => ({ file: u.path, reason: 'unreadable', message: u.message })),
        diagnostics: [],
        errors: []
    };
    const seen = new Set<string>();
    // The first declaration of a name in workspace order is the one references resolve to.
    const ordered = [...documents].sort((a, b) => compareDocumentUris(a.uri.toString(), b.uri.toString()));
    for (const document of ordered) {
        const file = fileOfUri[document.uri.toString()];
        const compared = named.has(file);
        const declared: string[] = [];
        for (const node of (document.parseResult.value as ast.Model).elements) {
            if (!node.name) continue;
            const id = idOf(node);
            declared.push(id);
            if (seen.has(id)) continue;
            seen.add(id);
            if (!compared) continue;
            if (ast.isCustomer(node)) model.customers.push(customerModel(node));
            else if (ast.isSystem(node)) model.systems.push(systemModel(node));
            else if (ast.isInformation(node)) model.information.push(informationModel(node));
            else if (ast.isProcess(node)) model.processes.push(processModel(node));
            else if (ast.isObjective(node)) model.objectives.push(objectiveModel(node, true, undefined, actualsOf));
            else if (ast.isJourney(node)) model.journeys.push(buildJourneyModel(node, { actualsOf }).model);
        }
        if (!compared) continue;
        model.declaredIn[file] = declared;
        const syntax = syntaxProblem(document, file);
        if (syntax) model.problems.push(syntax);
        model.errors!.push(...errorsOf(document.uri.toString(), document.diagnostics));
        for (const d of document.diagnostics ?? []) {
            const cli = toCliDiagnostic(file, d);
            const element = declarationAt(document, document.textDocument.offsetAt(d.range.start));
            model.diagnostics.push({
                code: cli.code, severity: cli.severity, message: cli.message, file, line: cli.line, column: cli.column,
                ...(element ? { element } : {})
            });
        }
    }
    actuals.forEach((a, i) => model.diagnostics.push(...actualsFileDiagnostics(a.file, a.text, actualsDiagnostics[i])));
    // A config file that is wrong is a diagnostic of its own (invalid-config), introduced or fixed like the rest.
    for (const d of configProblemDiagnostics(files.roots, cwd)) {
        model.diagnostics.push({ code: d.code, severity: d.severity, message: d.message, file: d.file, line: d.line, column: d.column });
    }
    return model;
}

function syntaxProblem(document: LangiumDocument, file: string): FileProblem | undefined {
    const syntax = (document.diagnostics ?? []).filter(d => d.code === 'syntax');
    const { lexerErrors, parserErrors } = document.parseResult;
    if (syntax.length === 0 && lexerErrors.length === 0 && parserErrors.length === 0) return undefined;
    const first = syntax.map(d => toCliDiagnostic(file, d)).sort((a, b) => a.line - b.line || a.column - b.column)[0];
    return {
        file, reason: 'syntax', message: first?.message ?? 'the text does not parse',
        ...(first ? { line: first.line, column: first.column } : {}),
        errors: Math.max(syntax.length, lexerErrors.length + parserErrors.length)
    };
}

/** The model id of the innermost named declaration around `offset`, if any. */
function declarationAt(document: LangiumDocument, offset: number): string | undefined {
    const root = document.parseResult.value.$cstNode;
    const leaf = root && CstUtils.findLeafNodeAtOffset(root, offset);
    for (let node = leaf?.astNode; node; node = node.$container) {
        if (ast.isDeclaration(node) && node.name) return idOf(node);
    }
    return undefined;
}

/**
 * The problems of an actuals file, each tied to what it is about rather than to its line (rows are
 * added and sorted): the KPI its row names, else (a row that names none) the row's text.
 */
function actualsFileDiagnostics(file: string, text: string, diagnostics: readonly Diagnostic[]): ElementDiagnostic[] {
    let lines: string[] | undefined;
    return diagnostics.map(d => {
        const cli = toCliDiagnostic(file, d);
        const kpi = (d.data as { kpi?: unknown } | undefined)?.kpi;
        const about = typeof kpi === 'string' ? { kpi } : { row: (lines ??= text.split(/\r\n|\r|\n/))[d.range.start.line]?.trim() ?? '' };
        return { code: cli.code, severity: cli.severity, message: cli.message, file, line: cli.line, column: cli.column, ...about };
    });
}
