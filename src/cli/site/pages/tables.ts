/**
 * Tables from column lists: each column is a header and a cell (escaped HTML, made with `html`). A
 * page's table is its list of columns, so a new figure is one more column.
 */
import { html, type Html, type HtmlValue } from '../html.js';

export interface Column<Row> {
    header: string;
    /** `num` right-aligns figures. */
    className?: string;
    cell(row: Row): HtmlValue;
}

export interface TableOptions<Row> {
    className: string;
    caption?: string;
    /** Attributes of a row: its anchor (`id`) and its data. */
    rowId?(row: Row): string | undefined;
    rowClass?(row: Row): string | undefined;
    rowData?(row: Row): Record<string, string | number>;
}

export function table<Row>(rows: readonly Row[], columns: readonly Column<Row>[], options: TableOptions<Row>): Html {
    const head = columns.map(c => html`<th scope="col"${c.className ? html` class="${c.className}"` : ''}>${c.header}</th>`);
    const body = rows.map(row => {
        const id = options.rowId?.(row);
        const cls = options.rowClass?.(row);
        const data = Object.entries(options.rowData?.(row) ?? {}).map(([k, v]) => html` data-${k}="${v}"`);
        const cells = columns.map(c => html`<td${c.className ? html` class="${c.className}"` : ''}>${c.cell(row)}</td>`);
        return html`<tr${id ? html` id="${id}"` : ''}${cls ? html` class="${cls}"` : ''}${data}>${cells}</tr>\n`;
    });
    return html`<div class="table-wrap"><table class="${options.className}">${options.caption ? html`<caption>${options.caption}</caption>` : ''}
<thead><tr>${head}</tr></thead>
<tbody>
${body}</tbody>
</table></div>`;
}
