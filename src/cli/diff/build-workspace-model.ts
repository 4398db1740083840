import { CstUtils, type LangiumDocument } from 'langium';
import * as ast from '../../../language-server/generated/ast.js';
import { buildJourneyModel, customerModel, idOf, informationModel, objectiveModel, processModel, systemModel } from '../../../language-server/model/build-model.js';
import { compareDocumentUris } from '../../../language-server/references/declarations.js';
import { loadWorkspace } from '../../../language-server/workspace/validate-workspace.js';
import { toCliDiagnostic } from '../diagnostics.js';
import type { FileProblem, WorkspaceModel } from './compare/workspace-model.js';
import type { RevisionFiles } from './read-revision.js';

/**
 * Builds and validates one revision's files with the services `copis validate` uses, and keeps
 * what the diff compares: the resolved models and the diagnostics, each tied to its declaration.
 */
export async function buildWorkspaceModel(files: Pick<RevisionFiles, 'sources' | 'unreadable'>): Promise<WorkspaceModel> {
    const { documents } = await loadWorkspace(files.sources.map(({ uri, text }) => ({ uri, text })), { batch: true });
    const fileOfUri: Record<string, string> = {};
    files.sources.forEach((s, i) => { fileOfUri[documents[i].uri.toString()] = s.file; });
    const model: WorkspaceModel = {
        files: files.sources.map(s => s.file), fileOfUri,
        customers: [], systems: [], information: [], processes: [], objectives: [], journeys: [],
        declaredIn: {}, problems: files.unreadable.map(u => ({ file: u.path, reason: 'unreadable', message: u.message })), diagnostics: []
    };
    const seen = new Set<string>();
    // The first declaration of a name in workspace order is the one references resolve to.
    const ordered = [...documents].sort((a, b) => compareDocumentUris(a.uri.toString(), b.uri.toString()));
    for (const document of ordered) {
        const file = fileOfUri[document.uri.toString()];
        const declared: string[] = [];
        for (const node of (document.parseResult.value as ast.Model).elements) {
            if (!node.name) continue;
            const id = idOf(node);
            declared.push(id);
            if (seen.has(id)) continue;
            seen.add(id);
            if (ast.isCustomer(node)) model.customers.push(customerModel(node));
            else if (ast.isSystem(node)) model.systems.push(systemModel(node));
            else if (ast.isInformation(node)) model.information.push(informationModel(node));
            else if (ast.isProcess(node)) model.processes.push(processModel(node));
            else if (ast.isObjective(node)) model.objectives.push(objectiveModel(node));
            else if (ast.isJourney(node)) model.journeys.push(buildJourneyModel(node).model);
        }
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
