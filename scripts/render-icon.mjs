// Renders docs/packaging/icon.svg into images/icon.png (128 × 128), the icon of the extension's listing.
// Run it after changing the SVG: `node scripts/render-icon.mjs` (needs the optional @resvg/resvg-js).
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Resvg } from '@resvg/resvg-js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const ICON_SVG = join(root, 'docs/packaging/icon.svg');
export const ICON_PNG = join(root, 'images/icon.png');

export function renderIcon() {
    return new Resvg(readFileSync(ICON_SVG, 'utf8'), { fitTo: { mode: 'width', value: 128 }, font: { loadSystemFonts: false } }).render().asPng();
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) writeFileSync(ICON_PNG, renderIcon());
