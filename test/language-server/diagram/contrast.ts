/**
 * Contrast measured on the SVG itself, for one theme kind: every colour is resolved as the
 * preview resolves it there (`var(--copis-NAME, …)` → the theme's colour), and what lies under
 * each text, frame, marker and line is composited from the painted layers beneath it (the
 * background, the bands, the shapes before it in its group, each with its fill opacity).
 * WCAG 2.2: text 4.5:1 (1.4.3), non-text 3:1 (1.4.11).
 */
import { THEMES, type ThemeKind } from '../../../language-server/diagram/index.js';
import { allElements, parseXml, textOf, type XmlElement } from './helpers.js';

type Rgb = [number, number, number];

export function hexToRgb(hex: string): Rgb {
    const h = hex.replace('#', '');
    return [0, 2, 4].map(i => parseInt(h.slice(i, i + 2), 16)) as Rgb;
}

function luminance([r, g, b]: Rgb): number {
    const f = (c: number) => {
        const s = c / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
}

export function contrast(a: Rgb, b: Rgb): number {
    const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (hi + 0.05) / (lo + 0.05);
}

/** `top` painted over `under` at `opacity`. */
function over(top: Rgb, under: Rgb, opacity: number): Rgb {
    return top.map((c, i) => c * opacity + under[i] * (1 - opacity)) as Rgb;
}

/** A paint value of the SVG in theme `kind`; undefined for `none`. */
export function resolvePaint(value: string | undefined, kind: ThemeKind): Rgb | undefined {
    if (value === undefined || value === 'none') return undefined;
    const variable = /^var\(--copis-([a-z]+),/.exec(value);
    if (variable) {
        const colour = THEMES[kind][variable[1] as keyof typeof THEMES.light];
        if (!colour) throw new Error(`no colour ${variable[1]} in theme ${kind}`);
        return hexToRgb(colour);
    }
    if (/^#[0-9a-f]{6}$/i.test(value)) return hexToRgb(value);
    throw new Error(`unexpected paint ${value}`);
}

interface Layer {
    fill: Rgb;
    opacity: number;
    contains(x: number, y: number): boolean;
}

const num = (e: XmlElement, a: string) => Number(e.attributes[a] ?? 0);

function layerOf(e: XmlElement, kind: ThemeKind): Layer | undefined {
    const fill = resolvePaint(e.attributes.fill, kind);
    if (!fill) return undefined;
    const opacity = e.attributes['fill-opacity'] !== undefined ? Number(e.attributes['fill-opacity']) : 1;
    if (e.name === 'rect') {
        const [x, y, w, h] = ['x', 'y', 'width', 'height'].map(a => num(e, a));
        return { fill, opacity, contains: (px, py) => px >= x && px <= x + w && py >= y && py <= y + h };
    }
    if (e.name === 'circle') {
        const [cx, cy, r] = ['cx', 'cy', 'r'].map(a => num(e, a));
        return { fill, opacity, contains: (px, py) => (px - cx) ** 2 + (py - cy) ** 2 <= r * r };
    }
    return undefined;
}

export interface ContrastFinding {
    what: string;
    ratio: number;
    needed: number;
}

/**
 * Every text, card frame, marker and connector of `svg` whose contrast with what lies beneath
 * it is below the WCAG minimum in theme `kind`. Faded elements (a stage not on the customer's
 * path, drawn at a lower opacity on purpose) are left out, as WCAG leaves out inactive parts.
 */
export function lowContrast(svg: string, kind: ThemeKind): ContrastFinding[] {
    return measureContrast(svg, kind).findings;
}

/** The findings, and how many texts, frames, markers and lines were measured (by what: `text`, `frame`, ...). */
export function measureContrast(svg: string, kind: ThemeKind): { findings: ContrastFinding[]; measured: Record<string, number> } {
    const root = parseXml(svg);
    const findings: ContrastFinding[] = [];
    const measured: Record<string, number> = {};
    const check = (what: string, ratio: number, needed: number) => {
        const key = what.split(' ')[0];
        measured[key] = (measured[key] ?? 0) + 1;
        if (ratio < needed - 1e-9) findings.push({ what, ratio: Math.round(ratio * 100) / 100, needed });
    };
    const elements = allElements(root);
    const background = elements.find(e => e.attributes.class === 'copis-background')!;
    const base = resolvePaint(background.attributes.fill, kind)!;
    const bands = elements.filter(e => e.attributes.class === 'copis-band').map(e => {
        const layer = layerOf(e, kind)!;
        return { ...layer, opacity: Number(e.attributes['fill-opacity'] ?? 1) };
    });
    const under = (x: number, y: number, layers: Layer[]): Rgb => {
        let c = base;
        for (const l of [...bands, ...layers]) if (l.contains(x, y)) c = over(l.fill, c, l.opacity);
        return c;
    };

    for (const group of elements.filter(e => e.name === 'g' && /\bcopis-(el|label)\b/.test(e.attributes.class ?? ''))) {
        if (group.attributes['data-dimmed'] === 'true') continue;
        const name = `${group.attributes['data-kind']} ${group.attributes['data-id'] ?? ''}`.trim();
        const before: Layer[] = [];
        let framed = false;
        for (const child of group.children) {
            if (typeof child === 'string') continue;
            if (child.name === 'text') {
                const size = Number(child.attributes['font-size']);
                const x = num(child, 'x');
                const anchor = child.attributes['text-anchor'];
                const px = anchor === 'middle' ? x : anchor === 'end' ? x - 2 : x + 2;
                const py = num(child, 'y') - size * 0.35;
                check(`text "${textOf(child)}" in ${name}`, contrast(resolvePaint(child.attributes.fill, kind)!, under(px, py, before)), 4.5);
                continue;
            }
            const stroke = resolvePaint(child.attributes.stroke, kind);
            if (child.name === 'rect' && stroke && !framed) {
                framed = true;
                const x = num(child, 'x');
                const y = num(child, 'y');
                // The frame against what is around the card.
                check(`frame of ${name}`, contrast(stroke, under(x - 1, y + num(child, 'height') / 2, [])), 3);
            }
            if (child.name === 'circle' && child.attributes.fill !== undefined && child.attributes.fill !== 'none' && layerOf(child, kind)?.opacity === 1 && child.attributes.fill.indexOf('--copis-bg,') < 0) {
                check(`marker in ${name}`, contrast(resolvePaint(child.attributes.fill, kind)!, under(num(child, 'cx') + num(child, 'r') + 1, num(child, 'cy'), before)), 3);
            }
            if (child.name === 'circle' && stroke && child.attributes['stroke-width'] && Number(child.attributes['stroke-width']) >= 2) {
                check(`ring in ${name}`, contrast(stroke, under(num(child, 'cx') + num(child, 'r') + 2, num(child, 'cy'), before)), 3);
            }
            if (child.name === 'path' && child.attributes.fill && child.attributes.fill !== 'none' && group.attributes['data-kind'] === 'emotion') {
                const m = /^M([\d.]+) ([\d.]+)/.exec(child.attributes.d)!;
                check(`emotion point of ${name}`, contrast(resolvePaint(child.attributes.fill, kind)!, under(Number(m[1]) + 12, Number(m[2]) + 6, [])), 3);
            }
            const layer = layerOf(child, kind);
            if (layer) before.push(layer);
        }
    }

    for (const line of elements.filter(e => e.attributes.class === 'copis-line')) {
        const kindOf = line.attributes['data-kind'];
        if (kindOf === 'rule') continue; // the faint rules between lanes only structure, the labels say which lane is which
        const path = line.children.find((c): c is XmlElement => typeof c !== 'string' && c.name === 'path')!;
        const opacity = line.attributes.opacity !== undefined ? Number(line.attributes.opacity) : 1;
        const m = /^M(-?[\d.]+) (-?[\d.]+)/.exec(path.attributes.d)!;
        const bg = under(Number(m[1]) + 1, Number(m[2]) + 1, []);
        check(`line ${kindOf} ${line.attributes['data-from'] ?? ''}`, contrast(over(resolvePaint(path.attributes.stroke, kind)!, bg, opacity), bg), 3);
    }
    return { findings, measured };
}
