/**
 * What the browser tests of the preview share: a tiny local server for exactly the page the
 * extension builds (security.ts) with the built dist/webview.js and media/preview.css, and the
 * colours VS Code's default themes set on the page.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { createNonce, previewHtml } from '../../src/extension/preview/security.js';

export const root = resolve(import.meta.dirname, '../..');
const script = resolve(root, 'dist/webview.js');
const style = resolve(root, 'media/preview.css');

export interface PreviewServer {
    origin: string;
    /** Every path the page asked the server for. */
    requested: string[];
    close(): Promise<void>;
}

export async function startPreviewServer(): Promise<PreviewServer> {
    if (!existsSync(script)) throw new Error(`${script} is missing: run \`npm run build\` first (npm test does)`);
    const requested: string[] = [];
    let origin = '';
    const server = createServer((request, response) => {
        const path = new URL(request.url ?? '/', 'http://localhost').pathname;
        requested.push(path);
        const send = (type: string, body: string) => {
            response.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' });
            response.end(body);
        };
        if (path === '/') {
            send('text/html; charset=utf-8', previewHtml({ cspSource: origin, nonce: createNonce(), scriptUri: `${origin}/dist/webview.js`, styleUri: `${origin}/media/preview.css` }));
        } else if (path === '/dist/webview.js') {
            send('text/javascript; charset=utf-8', readFileSync(script, 'utf8'));
        } else if (path === '/media/preview.css') {
            send('text/css; charset=utf-8', readFileSync(style, 'utf8'));
        } else if (path === '/favicon.ico') {
            response.writeHead(204).end(); // a browser tab asks for it; a webview does not
        } else {
            response.writeHead(404).end();
        }
    });
    await new Promise<void>(done => server.listen(0, '127.0.0.1', done));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return { origin, requested, close: () => new Promise(done => server.close(() => done())) };
}

export interface VsCodeTheme {
    /** The class VS Code puts on the webview's body. */
    bodyClass: string;
    /** The colours it sets on <html>. */
    variables: Record<string, string>;
}

const FONT = {
    '--vscode-font-family': "-apple-system, BlinkMacSystemFont, 'Segoe WPC', 'Segoe UI', 'Ubuntu', 'Droid Sans', sans-serif",
    '--vscode-font-size': '13px'
};

/** VS Code's default themes (Light Modern, Dark Modern, Dark High Contrast): the colours the preview reads. */
export const THEMES: Record<'light' | 'dark' | 'highContrast', VsCodeTheme> = {
    light: {
        bodyClass: 'vscode-light',
        variables: {
            ...FONT,
            '--vscode-editor-background': '#ffffff',
            '--vscode-editor-foreground': '#3b3b3b',
            '--vscode-editorWidget-background': '#f8f8f8',
            '--vscode-editorWidget-border': '#c8c8c8',
            '--vscode-editorIndentGuide-background1': '#d3d3d3',
            '--vscode-panel-border': '#e5e5e5',
            '--vscode-button-background': '#005fb8',
            '--vscode-button-foreground': '#ffffff',
            '--vscode-button-secondaryBackground': '#e5e5e5',
            '--vscode-button-secondaryForeground': '#3b3b3b',
            '--vscode-dropdown-background': '#ffffff',
            '--vscode-dropdown-border': '#cecece',
            '--vscode-focusBorder': '#005fb8',
            '--vscode-descriptionForeground': '#3b3b3b',
            '--vscode-charts-green': '#388a34',
            '--vscode-charts-red': '#e51400',
            '--vscode-charts-orange': '#d18616',
            '--vscode-charts-blue': '#1a85ff',
            '--vscode-charts-purple': '#652d90'
        }
    },
    dark: {
        bodyClass: 'vscode-dark',
        variables: {
            ...FONT,
            '--vscode-editor-background': '#1f1f1f',
            '--vscode-editor-foreground': '#cccccc',
            '--vscode-editorWidget-background': '#202020',
            '--vscode-editorWidget-border': '#313131',
            '--vscode-editorIndentGuide-background1': '#404040',
            '--vscode-panel-border': '#2b2b2b',
            '--vscode-button-background': '#0078d4',
            '--vscode-button-foreground': '#ffffff',
            '--vscode-button-secondaryBackground': '#313131',
            '--vscode-button-secondaryForeground': '#cccccc',
            '--vscode-dropdown-background': '#313131',
            '--vscode-dropdown-foreground': '#cccccc',
            '--vscode-dropdown-border': '#3c3c3c',
            '--vscode-focusBorder': '#0078d4',
            '--vscode-descriptionForeground': '#9d9d9d',
            '--vscode-charts-green': '#89d185',
            '--vscode-charts-red': '#f14c4c',
            '--vscode-charts-orange': '#d18616',
            '--vscode-charts-blue': '#3794ff',
            '--vscode-charts-purple': '#b180d7'
        }
    },
    highContrast: {
        bodyClass: 'vscode-high-contrast',
        variables: {
            ...FONT,
            '--vscode-editor-background': '#000000',
            '--vscode-editor-foreground': '#ffffff',
            '--vscode-editorWidget-background': '#0c141f',
            '--vscode-editorWidget-border': '#6fc3df',
            '--vscode-editorIndentGuide-background1': '#ffffff',
            '--vscode-contrastBorder': '#6fc3df',
            '--vscode-contrastActiveBorder': '#f38518',
            '--vscode-panel-border': '#6fc3df',
            '--vscode-button-background': '#000000',
            '--vscode-button-foreground': '#ffffff',
            '--vscode-button-border': '#6fc3df',
            '--vscode-button-secondaryBackground': '#000000',
            '--vscode-button-secondaryForeground': '#ffffff',
            '--vscode-dropdown-background': '#000000',
            '--vscode-dropdown-foreground': '#ffffff',
            '--vscode-dropdown-border': '#6fc3df',
            '--vscode-focusBorder': '#f38518',
            '--vscode-descriptionForeground': '#ffffffb3',
            '--vscode-charts-green': '#89d185',
            '--vscode-charts-red': '#f48771',
            '--vscode-charts-orange': '#d18616',
            '--vscode-charts-blue': '#3794ff',
            '--vscode-charts-purple': '#b180d7'
        }
    }
};
