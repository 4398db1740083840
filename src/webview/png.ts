/// <reference lib="dom" />
/**
 * The PNG export: the SVG drawn through an image (a `data:` URL, which the page's policy
 * allows) onto a canvas at twice its size, like `copis export --to png`. In an image, the
 * SVG's CSS variables are undefined and fall back to the light colours: the PNG looks like
 * the SVG export whatever the editor's theme.
 */

import { pngZoom } from '../../language-server/diagram/raster.js';
import type { EmbeddedFont } from './messages.js';

/** The PNG as base64 (without the `data:` prefix), and the zoom it was drawn at (less than 2 for a very large diagram). */
export async function svgToPng(svg: string, width: number, height: number, fonts: readonly EmbeddedFont[] = []): Promise<{ data: string; scale: number }> {
    if (!svg || !(width > 0) || !(height > 0)) throw new Error('There is no diagram to export.');
    const scale = pngZoom(width, height);
    const image = new Image();
    image.width = width;
    image.height = height;
    image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(withFonts(svg, fonts))}`;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.round(width * scale));
    canvas.height = Math.max(1, Math.round(height * scale));
    const context = canvas.getContext('2d');
    if (!context) throw new Error('This webview cannot draw on a canvas.');
    context.drawImage(image, 0, 0, canvas.width, canvas.height);
    const url = canvas.toDataURL('image/png');
    const comma = url.indexOf(',');
    if (!url.startsWith('data:image/png;base64,') || comma < 0) throw new Error('The canvas did not produce a PNG.');
    return { data: url.slice(comma + 1), scale };
}

/**
 * The SVG with `fonts` inside it, under the first name of the diagram's font list (Helvetica):
 * a face declared in the document comes before the machine's font of that name, so the text is
 * drawn with the fonts `copis export --to png` uses (Arimo, metrically Helvetica and Arial) on
 * every machine, not with whatever the editor's machine has. An image cannot load anything, so
 * the fonts travel as `data:` URLs in it.
 */
export function withFonts(svg: string, fonts: readonly EmbeddedFont[]): string {
    if (fonts.length === 0) return svg;
    const open = /^\s*(?:<\?xml[^>]*\?>\s*)?<svg\b[^>]*>/.exec(svg);
    if (!open) return svg;
    const faces = fonts
        .filter(font => /^[A-Za-z0-9+/]+=*$/.test(font.base64))
        .map(font => `@font-face{font-family:Helvetica;font-style:normal;font-weight:${font.weight};src:url(data:font/ttf;base64,${font.base64}) format("truetype")}`)
        .join('');
    if (!faces) return svg;
    const at = open.index + open[0].length;
    return `${svg.slice(0, at)}<style>${faces}</style>${svg.slice(at)}`;
}
