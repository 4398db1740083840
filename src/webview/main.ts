/// <reference lib="dom" />
/** The preview page's entry point (bundled to dist/webview.js, loaded by nonce). */
import type { FromWebview, WebviewState } from './messages.js';
import { Preview } from './preview.js';

interface VsCodeApi {
    postMessage(message: FromWebview): void;
    getState(): WebviewState | undefined;
    setState(state: WebviewState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const preview = new Preview({
    postMessage: message => vscode.postMessage(message),
    getState: () => vscode.getState(),
    setState: state => vscode.setState(state)
});
window.addEventListener('message', event => preview.receive(event.data));
preview.start();
