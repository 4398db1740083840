/**
 * Writes a laid-out diagram as an SVG string. Every string that comes from the model goes
 * through `escapeXml`, in text and in attribute values alike; model strings never become
 * tag or attribute names, URLs, styles or scripts. Colours are presentation attributes
 * holding CSS variables with light fallbacks (theme.ts), so the SVG needs no style sheet
 * (a webview's Content-Security-Policy may forbid inline styles) and follows the editor theme.
 *
 * Each box that stands for a model element is a `<g class="copis-el" data-id data-kind>`
 * with a `<title>` (tooltip: full title, details, doc comment); connectors carry
 * `data-kind`, `data-from` and `data-to`.
 *
 * A line drawn only on demand (`hidden`: a moment's recovery link) from a box with a badge is
 * written inside the badge (`<g class="copis-badge" tabindex="0">`), so a rule of CSS alone can
 * show it while the badge, or its box, is pointed at or the badge focused: a file opened in a
 * browser gets that rule in a `<style>` of its own (`revealStyle`), a page in its style sheet, and
 * the preview, whose policy forbids inline style, shows it by its script.
 */
import { escapeXml } from './escape.js';
import { ICON_PATHS } from './icons.js';
import { FONTS } from './kit.js';
import { MARK_STYLES } from './marks.js';
import { FONT_FAMILY, paint, type Colour, type ColourMode } from './theme.js';
import type { Band, Diagram, DiagramBox, DiagramLine, Part, Point, Rect, ShapeName } from './types.js';

export interface SvgOptions {
    /** `themed` (default): CSS variables with light fallbacks. `resolved`: the light colours only. */
    colours?: ColourMode;
    /** A `<style>` with `revealStyle`, when the diagram has a badge: for a file opened in a browser, where no script runs. */
    revealStyle?: boolean;
}

export function renderSvg(diagram: Diagram, options: SvgOptions = {}): string {
    const attributes = `class="copis-diagram copis-view-${diagram.view}" data-view="${diagram.view}"${diagram.compact ? ' data-compact="true"' : ''}`;
    return svgOf(diagram, { x: 0, y: 0, width: diagram.width, height: diagram.height }, attributes, options.colours ?? 'themed', () => true, options.revealStyle === true);
}

/**
 * The rules that show a badge's lines while the badge or its box is pointed at, or the badge has
 * the focus (then its frame is drawn in the accent colour), and a line a page's script reveals
 * (`copis-reveal`: the preview and the site, while either end is pointed at or highlighted). Our
 * own text, nothing from a model.
 */
export function revealStyle(mode: ColourMode = 'resolved'): string {
    return [
        '.copis-badge:hover .copis-on-hover, .copis-badge:focus .copis-on-hover, .copis-el:hover > .copis-badge .copis-on-hover, .copis-line.copis-reveal { display: inline; }',
        '.copis-badge { cursor: pointer; }',
        '.copis-badge:focus { outline: none; }',
        `.copis-badge:focus-visible > rect { stroke: ${paint('accent', mode)}; stroke-width: 1.5; }`
    ].join('\n');
}

export interface Panes {
    /** The column of lane labels, from the left edge, from the stage headers to the last lane. */
    labels: string;
    labelsWidth: number;
    labelsTop: number;
    labelsHeight: number;
    /** The row of stage headers, the diagram's width. */
    header: string;
    headerTop: number;
    headerHeight: number;
}

/**
 * The parts of a journey diagram that stay in view while it scrolls, each an SVG of its own: the
 * lane labels (with the emotion scale, the lines' labels and the matrix's row names) and the
 * stage headers. Only what lies wholly inside each is drawn there, over the background.
 */
export function renderPanes(diagram: Diagram, options: SvgOptions = {}): Panes | undefined {
    const frozen = diagram.frozen;
    if (!frozen) return undefined;
    const mode = options.colours ?? 'themed';
    const labels = { x: 0, y: frozen.headerTop, width: frozen.labelsRight, height: frozen.gridBottom - frozen.headerTop };
    const header = { x: 0, y: frozen.headerTop, width: diagram.width, height: frozen.headerBottom - frozen.headerTop };
    return {
        labels: svgOf(diagram, labels, 'class="copis-diagram copis-pane" data-pane="labels"', mode, r => inside(r, labels)),
        labelsWidth: labels.width,
        labelsTop: labels.y,
        labelsHeight: labels.height,
        header: svgOf(diagram, header, 'class="copis-diagram copis-pane" data-pane="header"', mode, r => inside(r, header)),
        headerTop: header.y,
        headerHeight: header.height
    };
}

function inside(r: Rect, area: Rect): boolean {
    return r.x >= area.x - 0.5 && r.y >= area.y - 0.5 && r.x + r.width <= area.x + area.width + 0.5 && r.y + r.height <= area.y + area.height + 0.5;
}

function overlapsArea(r: Rect, area: Rect): boolean {
    return r.x < area.x + area.width && area.x < r.x + r.width && r.y < area.y + area.height && area.y < r.y + r.height;
}

function lineBounds(line: DiagramLine): Rect {
    const xs = line.points.map(p => p.x);
    const ys = line.points.map(p => p.y);
    const x = Math.min(...xs);
    const y = Math.min(...ys);
    return { x: x - 1, y: y - 1, width: Math.max(...xs) - x + 2, height: Math.max(...ys) - y + 2 };
}

/** The SVG of `area` of the diagram: the boxes `keep` accepts, the bands and lines that cross it. */
function svgOf(diagram: Diagram, area: Rect, attributes: string, mode: ColourMode, keep: (box: DiagramBox) => boolean, withStyle = false): string {
    const paints = new Map<Colour, string>();
    const c = (colour: Colour) => {
        let value = paints.get(colour);
        if (value === undefined) paints.set(colour, value = paint(colour, mode));
        return value;
    };
    const whole = area.x === 0 && area.y === 0 && area.width === diagram.width && area.height === diagram.height;
    const out: string[] = [];
    const w = num(area.width);
    const h = num(area.height);
    out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="${num(area.x)} ${num(area.y)} ${w} ${h}" role="img"`
        + ` aria-label="${escapeXml(diagram.title)}" ${attributes}`
        + ` font-family="${FONT_FAMILY}" font-size="11" fill="${c('fg')}">`);
    out.push(`<title>${escapeXml(diagram.title)}</title>`);
    // The lines shown on demand from a box with a badge go inside the badge (the first box of that id drawn here).
    const badged = new Map<string, DiagramBox>();
    for (const box of diagram.boxes) {
        if (box.id !== undefined && !badged.has(box.id) && keep(box) && box.parts.some(p => p.type === 'badge')) badged.set(box.id, box);
    }
    const inBadge = new Map<DiagramBox, DiagramLine[]>();
    for (const line of diagram.lines) {
        const owner = line.hidden && line.from !== undefined ? badged.get(line.from) : undefined;
        if (!owner) continue;
        const list = inBadge.get(owner);
        if (list) list.push(line);
        else inBadge.set(owner, [line]);
    }
    if (withStyle && badged.size > 0) out.push(`<style>\n${revealStyle(mode)}\n</style>`);
    out.push(`<rect class="copis-background" x="${num(area.x)}" y="${num(area.y)}" width="${w}" height="${h}" fill="${c('bg')}"/>`);
    out.push('<g class="copis-bands">');
    for (const band of diagram.bands) if (whole || overlapsArea(band, area)) out.push(bandSvg(band, c));
    out.push('</g>');
    const nested = new Set([...inBadge.values()].flat());
    out.push('<g class="copis-lines">');
    for (const line of diagram.lines) if (!nested.has(line) && (whole || overlapsArea(lineBounds(line), area))) out.push(lineSvg(line, c));
    out.push('</g>');
    out.push('<g class="copis-boxes">');
    for (const box of diagram.boxes) if (keep(box)) out.push(boxSvg(box, c, inBadge.get(box) ?? []));
    out.push('</g>');
    out.push('</svg>');
    return out.join('\n') + '\n';
}

/**
 * A few parts as an SVG of their own, outside any diagram (a KPI's sparkline on a page): the same
 * writer, with its title as the tooltip and the accessible name. `className` is ours, never the model's.
 */
export function renderPartsSvg(parts: readonly Part[], width: number, height: number, title: string, className: string, options: SvgOptions = {}): string {
    const mode = options.colours ?? 'themed';
    const c: Paint = colour => paint(colour, mode);
    const w = num(width);
    const h = num(height);
    return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" role="img" aria-label="${escapeXml(title)}" class="${escapeXml(className)}">`
        + `<title>${escapeXml(title)}</title>${parts.map(part => partSvg(part, c)).join('')}</svg>`;
}

type Paint = (colour: Colour) => string;

function bandSvg(band: Band, c: Paint): string {
    return `<rect class="copis-band" data-kind="${escapeXml(band.kind)}" x="${num(band.x)}" y="${num(band.y)}" width="${num(band.width)}" height="${num(band.height)}"`
        + ` fill="${c(band.fill)}" fill-opacity="${num(band.dimmed ? band.opacity / 2 : band.opacity)}"/>`;
}

function lineSvg(line: DiagramLine, c: Paint): string {
    // Not drawn (`display: none` rather than hidden, so it does not count in the bounding box of the badge and box it is in) until revealed.
    const attrs = [line.hidden ? 'class="copis-line copis-on-hover" display="none"' : 'class="copis-line"', `data-kind="${escapeXml(line.kind)}"`];
    if (line.from !== undefined) attrs.push(`data-from="${escapeXml(line.from)}"`);
    if (line.to !== undefined) attrs.push(`data-to="${escapeXml(line.to)}"`);
    if (line.opacity !== undefined) attrs.push(`opacity="${num(line.opacity)}"`);
    const stroke = c(line.stroke);
    const path = `<path d="${pathData(line)}" fill="none" stroke="${stroke}" stroke-width="${num(line.width)}"`
        + (line.dash ? ` stroke-dasharray="${escapeXml(line.dash)}"` : '') + ' stroke-linecap="round" stroke-linejoin="round"/>';
    const arrow = line.arrow ? arrowHead(line, stroke) : '';
    return `<g ${attrs.join(' ')}>${path}${arrow}</g>`;
}

function pathData(line: DiagramLine): string {
    const p = line.points;
    if (p.length === 0) return 'M0 0';
    let d = `M${num(p[0].x)} ${num(p[0].y)}`;
    if (line.shape === 'bezier') {
        for (let i = 1; i + 2 < p.length; i += 3) d += `C${pt(p[i])} ${pt(p[i + 1])} ${pt(p[i + 2])}`;
    } else {
        for (let i = 1; i < p.length; i++) d += `L${pt(p[i])}`;
    }
    return d;
}

/** A filled triangle at the last point, along the direction the line arrives in. */
function arrowHead(line: DiagramLine, fill: string): string {
    const p = line.points;
    const end = p[p.length - 1];
    let from: Point | undefined;
    for (let i = p.length - 2; i >= 0; i--) {
        if (Math.hypot(p[i].x - end.x, p[i].y - end.y) > 0.5) {
            from = p[i];
            break;
        }
    }
    if (!from) return '';
    const len = Math.hypot(end.x - from.x, end.y - from.y);
    const ux = (end.x - from.x) / len;
    const uy = (end.y - from.y) / len;
    const size = 7;
    const half = 3.5;
    const bx = end.x - ux * size;
    const by = end.y - uy * size;
    const a = { x: bx - uy * half, y: by + ux * half };
    const b = { x: bx + uy * half, y: by - ux * half };
    return `<path d="M${pt(end)}L${pt(a)}L${pt(b)}Z" fill="${fill}" stroke="none"/>`;
}

/** A box; `lines`: the lines shown on demand that its badge holds. */
function boxSvg(box: DiagramBox, c: Paint, lines: readonly DiagramLine[] = []): string {
    const attrs: string[] = [];
    if (box.id !== undefined) {
        attrs.push(`class="copis-el copis-${escapeXml(box.kind)}"`, `data-id="${escapeXml(box.id)}"`, `data-kind="${escapeXml(box.kind)}"`);
    } else {
        attrs.push(`class="copis-label copis-${escapeXml(box.kind)}"`, `data-kind="${escapeXml(box.kind)}"`);
    }
    if (box.lane !== undefined) attrs.push(`data-lane="${escapeXml(box.lane)}"`);
    if (box.status !== undefined) attrs.push(`data-status="${escapeXml(box.status)}"`);
    if (box.problem !== undefined) attrs.push(`data-problem="${escapeXml(box.problem)}"`);
    // A mark's frame and badge are parts of the box (marks.ts); a ghost is faded here.
    if (box.mark !== undefined) attrs.push(`data-mark="${box.mark}"`);
    const ghost = box.mark !== undefined ? MARK_STYLES[box.mark].opacity ?? 1 : 1;
    const opacity = (box.dimmed ? 0.45 : 1) * ghost;
    if (box.dimmed) attrs.push('data-dimmed="true"');
    if (opacity < 1) attrs.push(`opacity="${num(opacity)}"`);
    const inner: string[] = [];
    if (box.tooltip) inner.push(`<title>${escapeXml(box.tooltip)}${box.mark !== undefined && box.kind !== 'marks-legend' ? `\n(${box.mark})` : ''}</title>`);
    for (const part of box.parts) inner.push(part.type === 'badge' ? badgeSvg(part, c, lines) : partSvg(part, c));
    return `<g ${attrs.join(' ')}>${inner.join('')}</g>`;
}

/** A badge: focusable, with its tooltip, an area that catches the pointer, and the lines it shows. */
function badgeSvg(part: Extract<Part, { type: 'badge' }>, c: Paint, lines: readonly DiagramLine[]): string {
    return `<g class="copis-badge" tabindex="0"><title>${escapeXml(part.label)}</title>`
        + `<rect x="${num(part.x)}" y="${num(part.y)}" width="${num(part.width)}" height="${num(part.height)}" rx="3" fill="none" pointer-events="all"/>`
        + `${lines.map(line => lineSvg(line, c)).join('')}</g>`;
}

function partSvg(part: Part, c: Paint): string {
    switch (part.type) {
        case 'rect':
            return `<rect x="${num(part.x)}" y="${num(part.y)}" width="${num(part.width)}" height="${num(part.height)}"`
                + (part.rx ? ` rx="${num(part.rx)}"` : '')
                + ` fill="${part.fill ? c(part.fill) : 'none'}"`
                + (part.fillOpacity !== undefined ? ` fill-opacity="${num(part.fillOpacity)}"` : '')
                + (part.stroke ? ` stroke="${c(part.stroke)}" stroke-width="${num(part.strokeWidth ?? 1)}"` : '')
                + (part.dash ? ` stroke-dasharray="${escapeXml(part.dash)}"` : '')
                + '/>';
        case 'circle':
            return `<circle cx="${num(part.cx)}" cy="${num(part.cy)}" r="${num(part.r)}"`
                + ` fill="${part.fill ? c(part.fill) : 'none'}"`
                + (part.fillOpacity !== undefined ? ` fill-opacity="${num(part.fillOpacity)}"` : '')
                + (part.stroke ? ` stroke="${c(part.stroke)}" stroke-width="${num(part.strokeWidth ?? 1)}"` : '')
                + '/>';
        case 'text': {
            const font = FONTS[part.font];
            return `<text x="${num(part.x)}" y="${num(part.y)}" font-size="${font.size}"`
                + (font.bold ? ' font-weight="bold"' : '')
                + (part.anchor && part.anchor !== 'start' ? ` text-anchor="${part.anchor}"` : '')
                + ` fill="${c(part.fill)}">${escapeXml(part.text)}</text>`;
        }
        case 'line':
            return `<path d="M${num(part.x1)} ${num(part.y1)}L${num(part.x2)} ${num(part.y2)}" fill="none" stroke="${c(part.stroke)}" stroke-width="${num(part.width)}"`
                + (part.dash ? ` stroke-dasharray="${escapeXml(part.dash)}"` : '')
                + (part.opacity !== undefined ? ` opacity="${num(part.opacity)}"` : '')
                + ' stroke-linecap="round"/>';
        case 'shape':
            return `<path d="${shapePath(part.shape, part.cx, part.cy, part.r)}"`
                + ` fill="${part.fill ? c(part.fill) : 'none'}"`
                + (part.stroke ? ` stroke="${c(part.stroke)}" stroke-width="${num(part.strokeWidth ?? 1)}"` : '')
                + ' stroke-linejoin="round"/>';
        case 'badge':
            return badgeSvg(part, c, []);
        case 'icon': {
            const scale = part.size / 16;
            return `<path d="${ICON_PATHS[part.icon]}" transform="translate(${num(part.x)} ${num(part.y)}) scale(${num(scale)})"`
                + ` fill="none" stroke="${c(part.stroke)}" stroke-width="1.4" stroke-linecap="round" stroke-linejoin="round"/>`;
        }
    }
}

/** Our own shapes, from numbers only: no model text reaches a path. */
function shapePath(shape: ShapeName, cx: number, cy: number, r: number): string {
    const p = (x: number, y: number) => `${num(x)} ${num(y)}`;
    switch (shape) {
        case 'up': return `M${p(cx, cy - r)}L${p(cx + r * 0.95, cy + r * 0.7)}L${p(cx - r * 0.95, cy + r * 0.7)}Z`;
        case 'down': return `M${p(cx, cy + r)}L${p(cx + r * 0.95, cy - r * 0.7)}L${p(cx - r * 0.95, cy - r * 0.7)}Z`;
        case 'diamond': return `M${p(cx, cy - r)}L${p(cx + r, cy)}L${p(cx, cy + r)}L${p(cx - r, cy)}Z`;
        case 'square': return `M${p(cx - r * 0.75, cy - r * 0.75)}h${num(r * 1.5)}v${num(r * 1.5)}h${num(-r * 1.5)}Z`;
        case 'circle': return `M${p(cx + r * 0.8, cy)}a${num(r * 0.8)} ${num(r * 0.8)} 0 1 1 ${num(-r * 1.6)} 0a${num(r * 0.8)} ${num(r * 0.8)} 0 1 1 ${num(r * 1.6)} 0Z`;
    }
}

function pt(p: Point): string {
    return `${num(p.x)} ${num(p.y)}`;
}

/** Coordinates with at most two decimals, no `-0`, no exponent: the same number always prints the same. */
export function num(value: number): string {
    if (Number.isInteger(value) && Math.abs(value) < 1e15) return value === 0 ? '0' : String(value);
    if (!Number.isFinite(value)) return '0';
    const rounded = Math.round(value * 100) / 100;
    return Object.is(rounded, -0) || rounded === 0 ? '0' : String(rounded);
}
