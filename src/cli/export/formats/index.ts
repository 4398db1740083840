export const EXPORT_FORMATS = ['svg', 'png', 'html', 'mermaid', 'json', 'md'] as const;
export type ExportFormat = typeof EXPORT_FORMATS[number];

/** The formats that draw the diagram, and so take `--view`. */
export const DIAGRAM_FORMATS: readonly ExportFormat[] = ['svg', 'png', 'html'];

export { renderSvgFile } from './svg.js';
export { renderPng, canDrawText, PngUnavailableError } from './png.js';
export { renderHtml } from './html.js';
export { renderMermaid } from './mermaid.js';
export { renderJson } from './json.js';
export { renderMarkdown } from './markdown.js';
