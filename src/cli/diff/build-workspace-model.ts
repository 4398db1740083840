import { CstUtils, type LangiumDocument } from 'langium';
import * as ast from '../../../language-server/generated/ast.js';
import { buildJourneyModel, customerModel, idOf, informationModel, objectiveModel, processModel, systemModel } from '../../../language-server/model/build-model.js';
import { compareDocumentUris } from '../../../language-server/references/declarations.js';
import { loadWorkspace } from '../../../language-server/workspace/validate-workspace.js';
import { toCliDiagnostic } from '../diagnostics.js';
import { configProblemDiagnostics } from '../validate/config-problems.js';
import type { FileProblem, WorkspaceModel } from './compare/workspace-model.js';
import type { RevisionFiles } from './read-revision.js';

/**
 * Builds and validates one revision's files with the services `copis validate` uses (each model root
 * a model of its own, with its rule severities), and keeps what the diff compares: the resolved
 * models and the diagnostics of the named files, each tied to its declaration. The files loaded only
 * because they are in a named file's model root are linked against, not compared.
 */
export async function buildWorkspaceModel(files: Pick<RevisionFiles, 'sources' | 'unreadable' | 'roots' | 'isolated'>, cwd: string): Promise<WorkspaceModel> {
    const { documents } = await loadWorkspace(files.sources.map(({ uri, text }) => ({ uri, text })), { batch: true, roots: files.roots, isolated: files.isolated });
    const fileOfUri: Record<string, string> = {};
    const named = new Set<string>();
    files.sources.forEach((s, i) => {
        fileOfUri[documents[i].uri.toString()] = s.file;
        if (s.named) named.add(s.file);
    });
    const model: WorkspaceModel = {
        files: files.sources.filter(s => s.named).map(s => s.file), fileOfUri,
        customers: [], systems: [], information: [], processes: [], objectives: [], journeys: [],
        declaredIn: {}, problems: files.unreadable.map(u => ({ file: u.path, reason: 'unreadable', message: u.message })), diagnostics: []
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
            else if (ast.isObjective(node)) model.objectives.push(objectiveModel(node));
            else if (ast.isJourney(node)) model.journeys.push(buildJourneyModel(node).model);
        }
        if (!compared) continue;
        model.declaredIn[file] = declared;
        const syntax = syntaxProblem(document, file);
        if (syntax) model.problems.push(syntax);
        for (const d of document.diagnostics ?? []) {
            const cli = toCliDiagnostic(file, d);
            const element = declarationAt(document, document.textDocument.offsetAt(d.range.start));
            model.diagnostics.push({
                code: cli.code, severity: cli.severity, message: cli.message, file, line: cli.line, column: cli.column,
                ...(element ? { element } : {})
            });
        }
    }
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
