// The same suite in desktop VS Code through @vscode/test-electron, when one is installed:
// VSCODE_EXECUTABLE=/path/to/code npm run test:vscode. Nothing is downloaded. The tests that
// need the web runner's view of the DOM (preview frame, colours, screenshot) are reported skipped.
import { runTests } from '@vscode/test-electron';
import { rmSync } from 'node:fs';
import { bundleSuite, copyExamples, root } from './prepare.mjs';

export async function runElectron(executable) {
    const started = Date.now();
    const suite = await bundleSuite();
    const workspace = copyExamples();
    try {
        const code = await runTests({
            vscodeExecutablePath: executable, extensionDevelopmentPath: root, extensionTestsPath: suite,
            launchArgs: [workspace, '--disable-extensions', '--skip-welcome', '--skip-release-notes'],
            extensionTestsEnv: { COPIS_VSCODE_RUNNER: 'none' }
        }).then(() => 0, error => {
            console.error(String(error));
            return 1;
        });
        console.log(`VS Code desktop (${executable}) suite: ${code === 0 ? 'passed' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
        return code;
    } finally {
        rmSync(workspace, { recursive: true, force: true });
    }
}
