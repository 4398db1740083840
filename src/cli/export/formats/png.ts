/**
 * The diagram as PNG: the SVG of `--to svg` rasterised by resvg (@resvg/resvg-js, a native addon
 * whose prebuilt binary comes from the npm registry as an optional dependency; nothing is
 * downloaded at install time). Text is drawn with the system's fonts. The CLI bundle leaves the
 * package out (it is `external`), so it is loaded from node_modules when a PNG is asked for, and
 * only then: every other format works without it.
 */

import { pngZoom } from '../../../../language-server/diagram/raster.js';

export { MAX_PIXELS, MAX_SIDE, PNG_SCALE, pngZoom, scaledNote } from '../../../../language-server/diagram/raster.js';

/** The PNG file signature. */
export const PNG_SIGNATURE = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);

/** Why a PNG cannot be made: said once, in words the user can act on. */
export class PngUnavailableError extends Error {}

interface RenderedImage {
    width: number;
    height: number;
    pixels: Uint8Array;
    asPng(): Uint8Array;
}
interface ResvgModule {
    Resvg: new (svg: string, options?: Record<string, unknown>) => { render(): RenderedImage };
}

const PACKAGE = '@resvg/resvg-js';
let loaded: Promise<ResvgModule> | undefined;

/** Loads resvg (once). `load` stands in for the import in tests (and is not cached). */
export function loadResvg(load?: () => Promise<unknown>): Promise<ResvgModule> {
    if (load) return resolveModule(load());
    loaded ??= resolveModule(import('@resvg/resvg-js'));
    loaded.catch(() => { loaded = undefined; });
    return loaded;
}

function resolveModule(module: Promise<unknown>): Promise<ResvgModule> {
    return module.then(mod => {
        const m = mod as Partial<ResvgModule> & { default?: Partial<ResvgModule> };
        const Resvg = m.Resvg ?? m.default?.Resvg;
        if (typeof Resvg !== 'function') throw new PngUnavailableError(`${PACKAGE} loaded, but it has no Resvg renderer; reinstall it (npm install ${PACKAGE})`);
        return { Resvg };
    }, (error: unknown) => {
        throw new PngUnavailableError(describeLoadError(error));
    });
}

function describeLoadError(error: unknown): string {
    const code = (error as NodeJS.ErrnoException | undefined)?.code;
    const message = error instanceof Error ? error.message.split(/\r?\n/)[0] : String(error);
    if ((code === 'MODULE_NOT_FOUND' || code === 'ERR_MODULE_NOT_FOUND') && message.includes(PACKAGE)) {
        return `--to png needs the ${PACKAGE} package, which is not installed here; run \`npm install ${PACKAGE}\` in your project (or export svg and convert it with another tool)`;
    }
    return `--to png needs ${PACKAGE}, which could not be loaded (${message}); reinstall it (npm install ${PACKAGE}) for this platform, or export svg instead`;
}

export interface Png {
    bytes: Uint8Array;
    width: number;
    height: number;
}

/** Rasterises `svg` (of `width` × `height` user units). */
export async function renderPng(svg: string, width: number, height: number, resvg?: ResvgModule): Promise<Png> {
    const { Resvg } = resvg ?? await loadResvg();
    const image = new Resvg(svg, {
        fitTo: { mode: 'zoom', value: pngZoom(width, height) },
        background: '#ffffff',
        font: { loadSystemFonts: true }
    }).render();
    return { bytes: image.asPng(), width: image.width, height: image.height };
}

const PROBE = '<svg xmlns="http://www.w3.org/2000/svg" width="60" height="20"><rect width="60" height="20" fill="#fff"/>'
    + "<text x=\"2\" y=\"15\" font-family=\"Helvetica, Arial, 'Liberation Sans', sans-serif\" font-size=\"14\" fill=\"#000\">Abc</text></svg>";

/** Whether resvg finds a font to draw text with (without one, a PNG has no text at all). */
export async function canDrawText(resvg?: ResvgModule): Promise<boolean> {
    const { Resvg } = resvg ?? await loadResvg();
    const { pixels } = new Resvg(PROBE, { font: { loadSystemFonts: true } }).render();
    for (let i = 0; i < pixels.length; i += 4) if (pixels[i] < 128) return true;
    return false;
}
