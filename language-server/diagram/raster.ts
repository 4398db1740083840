/**
 * How big a PNG of the diagram is, for the CLI (resvg) and the preview (a canvas) alike: twice
 * the diagram's size (sharp on high-density screens), less when a side would pass MAX_SIDE
 * pixels or the image MAX_PIXELS: then the whole diagram is scaled down, never cut, and the
 * note says so.
 */
export const PNG_SCALE = 2;
/** The longest side a canvas (Chromium) or resvg draws. */
export const MAX_SIDE = 16384;
/** Beyond this, the pixels alone take more than 256 MB. */
export const MAX_PIXELS = 64_000_000;

/** The zoom for a diagram of `width` × `height` units: PNG_SCALE, less for very large diagrams. */
export function pngZoom(width: number, height: number): number {
    const w = Math.max(width, 1);
    const h = Math.max(height, 1);
    return Math.min(PNG_SCALE, MAX_SIDE / w, MAX_SIDE / h, Math.sqrt(MAX_PIXELS / (w * h)));
}

/** What to tell the user when the PNG is smaller than twice the diagram; undefined when it is not. */
export function scaledNote(width: number, height: number): string | undefined {
    const zoom = pngZoom(width, height);
    if (zoom >= PNG_SCALE) return undefined;
    const px = (n: number) => Math.max(1, Math.round(n * zoom)).toLocaleString('en');
    return `the diagram (${Math.ceil(width).toLocaleString('en')} × ${Math.ceil(height).toLocaleString('en')}) is too large for a PNG at twice its size, `
        + `so the whole of it is scaled to ${Math.round(zoom * 100)}% (${px(width)} × ${px(height)} px); for more detail export svg, or draw less of it (--compact, --stages)`;
}
