/**
 * The preview page and its Content-Security-Policy. A pure function of its inputs (no
 * `vscode`), so the browser test serves exactly the page the extension shows.
 *
 * The policy allows one script (the bundle, by nonce), style sheets and images from the
 * extension's own resources, and `data:` images (the PNG export draws the SVG through one).
 * Nothing else: no inline script or style, no remote content, no fonts, no connections.
 */

export interface PreviewHtmlOptions {
    /** `webview.cspSource`: the origin of the extension's resources in the webview. */
    cspSource: string;
    /** A fresh random value per page (see `createNonce`). */
    nonce: string;
    /** `dist/webview.js`, as a webview URI. */
    scriptUri: string;
    /** `media/preview.css`, as a webview URI. */
    styleUri: string;
}

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
    return [
        "default-src 'none'",
        `img-src ${cspSource} data:`,
        `style-src ${cspSource}`,
        `script-src 'nonce-${nonce}'`,
        "base-uri 'none'",
        "form-action 'none'"
    ].join('; ') + ';';
}

/** The page: a toolbar, a banner for stale diagrams, the diagram's scroll area, and the script. */
export function previewHtml(options: PreviewHtmlOptions): string {
    const { cspSource, nonce, scriptUri, styleUri } = options;
    if (!/^[A-Za-z0-9+/=_-]{16,}$/.test(nonce)) throw new Error('previewHtml: the nonce must be at least 16 base64 characters');
    const a = escapeAttribute;
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${a(contentSecurityPolicy(cspSource, nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="${a(styleUri)}">
<title>COPIS Preview</title>
</head>
<body>
<div class="toolbar" role="toolbar" aria-label="Preview">
  <div class="group" role="group" aria-label="View">
    <button type="button" class="view-button" data-view="journey" aria-pressed="true" title="Journey view: stages, lanes and moments">Journey</button>
    <button type="button" class="view-button" data-view="copis" aria-pressed="false" title="COPIS view: customers, objectives, processes, information, systems">COPIS</button>
    <button type="button" id="compact" aria-pressed="false" title="Compact: touchpoints, emotion, moments and pains only, in narrower columns (journey view)">Compact</button>
  </div>
  <label class="group" id="journey-group" hidden><span class="label">Journey</span>
    <select id="journey-select" title="Journey to show"></select>
  </label>
  <label class="group" id="customer-group"><span class="label">Customer</span>
    <select id="customer-select" title="Show one customer's path">
      <option value="">All customers</option>
    </select>
  </label>
  <div class="group" role="group" aria-label="Zoom">
    <button type="button" id="zoom-out" title="Zoom out (-)" aria-label="Zoom out">&#x2212;</button>
    <button type="button" id="zoom-reset" title="Actual size (0)" aria-label="Actual size">100%</button>
    <button type="button" id="zoom-in" title="Zoom in (+)" aria-label="Zoom in">+</button>
    <button type="button" id="zoom-fit" title="Fit to window (F)">Fit</button>
  </div>
  <div class="group" role="group" aria-label="Export">
    <button type="button" id="export-svg" title="Export this view as SVG">Export SVG</button>
    <button type="button" id="export-png" title="Export this view as PNG">Export PNG</button>
  </div>
</div>
<div id="banner" class="banner" role="status" hidden></div>
<div id="viewport" class="viewport" tabindex="0" aria-label="Diagram">
  <div id="canvas" class="canvas"></div>
  <p id="empty" class="empty" hidden></p>
</div>
<script nonce="${a(nonce)}" src="${a(scriptUri)}"></script>
</body>
</html>
`;
}

/** A nonce: 24 random bytes, base64 (Web Crypto: works in Node and in a browser extension host). */
export function createNonce(): string {
    const bytes = new Uint8Array(24);
    globalThis.crypto.getRandomValues(bytes);
    let binary = '';
    for (const b of bytes) binary += String.fromCharCode(b);
    return btoa(binary);
}

function escapeAttribute(value: string): string {
    return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
