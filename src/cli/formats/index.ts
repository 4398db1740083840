import type { Report } from '../diagnostics.js';
import { formatGithub } from './github.js';
import { formatJson } from './json.js';
import { formatSarif } from './sarif.js';
import { formatText } from './text.js';

export const FORMATS = ['text', 'json', 'sarif', 'github'] as const;
export type Format = typeof FORMATS[number];

export function isFormat(name: string): name is Format {
    return (FORMATS as readonly string[]).includes(name);
}

export function format(name: Format, report: Report, cwd: string): string {
    switch (name) {
        case 'json': return formatJson(report);
        case 'sarif': return formatSarif(report, cwd);
        case 'github': return formatGithub(report);
        case 'text': return formatText(report);
    }
}
