// Types for render-icon.mjs, for the test that checks images/icon.png is the render of packaging/icon.svg.
export const ICON_SVG: string;
export const ICON_PNG: string;
export function renderIcon(): Buffer;
