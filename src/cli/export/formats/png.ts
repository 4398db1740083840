/**
 * The diagram as PNG: the SVG of `--to svg` rasterised by resvg (@resvg/resvg-js, a native addon
 * whose prebuilt binary comes from the npm registry as an optional dependency; nothing is
 * downloaded at install time). Text is drawn with the fonts shipped beside the CLI (Arimo,
 * metric-compatible with Arial, SIL Open Font License; DejaVu Sans for the signs Arimo lacks;
 * dist/fonts/), never with the system's, so
 * a PNG is byte for byte the same on every machine. The CLI bundle leaves resvg out (it is
 * `external`), so it is loaded from node_modules when a PNG is asked for, and only then: every
 * other format works without it.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

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

/** The family every text of the PNG is drawn in (the SVG's `sans-serif`). */
export const PNG_FONT_FAMILY = 'Arimo';

/** The shipped fonts: Arimo for the text, DejaVu Sans for the signs Arimo lacks (✓ ✗ ↺), which resvg takes from it. */
const SHIPPED = ['Arimo-Regular.ttf', 'Arimo-Bold.ttf', 'DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'];

/**
 * The font files shipped for the PNG: beside the bundle (dist/fonts/), or, running from the
 * sources, in the font packages. Empty when they are not there.
 */
export function pngFontFiles(): string[] {
    const here = dirname(fileURLToPath(import.meta.url));
    const shipped = [join(here, 'fonts'), join(here, '..', 'fonts')].find(dir => SHIPPED.every(f => existsSync(join(dir, f))));
    if (shipped) return SHIPPED.map(f => join(shipped, f));
    try {
        const require = createRequire(import.meta.url);
        const arimo = dirname(require.resolve('@expo-google-fonts/arimo/package.json'));
        const dejavu = dirname(require.resolve('dejavu-fonts-ttf/package.json'));
        return [join(arimo, '400Regular', 'Arimo_400Regular.ttf'), join(arimo, '700Bold', 'Arimo_700Bold.ttf'), join(dejavu, 'ttf', 'DejaVuSans.ttf'), join(dejavu, 'ttf', 'DejaVuSans-Bold.ttf')];
    } catch {
        return [];
    }
}

/** resvg's font options: the shipped font alone, or, when it is missing, the system's. */
export function pngFontOptions(files = pngFontFiles()): Record<string, unknown> {
    return files.length > 0
        ? { loadSystemFonts: false, fontFiles: files, defaultFontFamily: PNG_FONT_FAMILY, sansSerifFamily: PNG_FONT_FAMILY }
        : { loadSystemFonts: true };
}

/** Rasterises `svg` (of `width` × `height` user units). */
export async function renderPng(svg: string, width: number, height: number, resvg?: ResvgModule, fonts = pngFontFiles()): Promise<Png> {
    const { Resvg } = resvg ?? await loadResvg();
    const image = new Resvg(svg, {
        fitTo: { mode: 'zoom', value: pngZoom(width, height) },
        background: '#ffffff',
        font: pngFontOptions(fonts)
    }).render();
    return { bytes: image.asPng(), width: image.width, height: image.height };
}

const PROBE = '<svg xmlns="http://www.w3.org/2000/svg" width="60" height="20"><rect width="60" height="20" fill="#fff"/>'
    + "<text x=\"2\" y=\"15\" font-family=\"Helvetica, Arial, 'Liberation Sans', sans-serif\" font-size=\"14\" fill=\"#000\">Abc</text></svg>";

/** Whether resvg finds a font to draw text with (without one, a PNG has no text at all). */
export async function canDrawText(resvg?: ResvgModule, fonts = pngFontFiles()): Promise<boolean> {
    const { Resvg } = resvg ?? await loadResvg();
    const { pixels } = new Resvg(PROBE, { font: pngFontOptions(fonts) }).render();
    for (let i = 0; i < pixels.length; i += 4) if (pixels[i] < 128) return true;
    return false;
}
