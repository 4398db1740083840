// The Restricted Mode suite (npm run test:vscode runs it in a workbench of its own, with workspace trust on).
import { runAll } from './harness.js';
import './restricted.js';

export function run(): Promise<void> {
    return runAll();
}
