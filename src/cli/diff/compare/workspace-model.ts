/**
 * One revision of a workspace as the diff compares it: the resolved models of its top-level
 * declarations and journeys (language-server/model, the data the preview and exports use),
 * what the validator found, keyed by element, and the files that could not be used.
 * Plain data: the Langium workspace it came from is gone by the time two of these are compared.
 */
import type {
    CustomerModel, InformationModel, JourneyModel, ObjectiveModel, ProcessModel, SystemModel
} from '../../../../language-server/model/journey-model.js';
import type { Severity } from '../../diagnostics.js';
import type { DiagramProblem } from '../../../../language-server/diagram/problems.js';

/** A model file that could not be compared at this revision: not text, or text that does not parse. */
export interface FileProblem {
    file: string;
    reason: 'unreadable' | 'syntax';
    /** Why it cannot be read, or the first syntax error. */
    message: string;
    /** The first syntax error's position, from 1. */
    line?: number;
    column?: number;
    /** How many syntax errors the file has. */
    errors?: number;
}

/** A diagnostic and the declaration it is about: the innermost one around where it starts. */
export interface ElementDiagnostic {
    code: string;
    severity: Severity;
    message: string;
    file: string;
    line: number;
    column: number;
    /** The model id of that declaration; none when the diagnostic lies outside every declaration, or is on an actuals file. */
    element?: string;
    /** On an actuals file (CSV): the KPI its row names, as written there (`Journey.Kpi`, `Objective.Kpi`). */
    kpi?: string;
    /** On an actuals file, for a row that names no KPI: the row's text, what the problem is about wherever the row is. Not reported. */
    row?: string;
}

export interface WorkspaceModel {
    /** The readable model files, relative to the working directory. */
    files: string[];
    /** A document URI (as model locations hold it) to its file. */
    fileOfUri: Record<string, string>;
    /** Top-level declarations, the first of each name in workspace order (a duplicate is a diagnostic). */
    customers: CustomerModel[];
    systems: SystemModel[];
    information: InformationModel[];
    processes: ProcessModel[];
    objectives: ObjectiveModel[];
    journeys: JourneyModel[];
    /** The ids of the top-level declarations each file holds (as far as it parses). */
    declaredIn: Record<string, string[]>;
    problems: FileProblem[];
    diagnostics: ElementDiagnostic[];
    /** The errors of the compared files where they are, for the picture (`copis diff --to`) to mark as `copis export` does. */
    errors?: DiagramProblem[];
}
