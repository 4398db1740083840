/**
 * The resolved journey model as JSON (schema: docs/model.schema.json, version 1):
 *
 *     { "version": 1, "journey": { ...the journey model... }, "customer": "Shopper" (with --customer only),
 *       "files": [the loaded files], "diagnostics": [what the validator found, as `copis validate --format json`] }
 *
 * The journey is the model the preview draws (language-server/model/journey-model.ts), with one
 * change: a source location is `{ file, line, column, endLine, endColumn }`, the file relative to
 * the working directory and positions from 1 with the end exclusive (as in `copis validate
 * --format json`), instead of an absolute URI with LSP's 0-based range. Keys are in a fixed
 * order and the output ends with a line break, so exports diff well.
 */
import type { CliDiagnostic } from '../../diagnostics.js';
import type { JourneyModel, SourceLocation } from '../../../../language-server/model/journey-model.js';

export const JSON_EXPORT_VERSION = 1;

export interface ExportLocation {
    file: string;
    line: number;
    column: number;
    endLine: number;
    endColumn: number;
}

export interface JsonExportInput {
    model: JourneyModel;
    customer?: string;
    files: string[];
    diagnostics: CliDiagnostic[];
    /** The file, relative to the working directory, that a location's URI names. */
    fileOf(uri: string): string;
}

/** The export's object (before JSON.stringify): the model with its locations rewritten. */
export function jsonExport(input: JsonExportInput): Record<string, unknown> {
    const out: Record<string, unknown> = { version: JSON_EXPORT_VERSION, journey: withFileLocations(input.model, input.fileOf) };
    if (input.customer !== undefined) out.customer = input.customer;
    out.files = input.files;
    out.diagnostics = input.diagnostics;
    return out;
}

export function renderJson(input: JsonExportInput): string {
    return JSON.stringify(jsonExport(input), null, 2) + '\n';
}

/** A deep copy of `value` in which every `location` (a SourceLocation) becomes an ExportLocation. */
export function withFileLocations<T>(value: T, fileOf: (uri: string) => string): T {
    if (Array.isArray(value)) return value.map(v => withFileLocations(v, fileOf)) as T;
    if (value === null || typeof value !== 'object') return value;
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) {
        out[key] = key === 'location' && isSourceLocation(v) ? toExportLocation(v, fileOf) : withFileLocations(v, fileOf);
    }
    return out as T;
}

function isSourceLocation(value: unknown): value is SourceLocation {
    return typeof value === 'object' && value !== null && typeof (value as SourceLocation).uri === 'string' && typeof (value as SourceLocation).range === 'object';
}

export function toExportLocation(location: SourceLocation, fileOf: (uri: string) => string): ExportLocation {
    const { start, end } = location.range;
    return { file: fileOf(location.uri), line: start.line + 1, column: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1 };
}
