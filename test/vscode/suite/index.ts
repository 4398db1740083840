// The suite, in the order it runs: each file registers its tests.
import { runAll } from './harness.js';
import './language.js';
import './features.js';
import './preview.js';

export function run(): Promise<void> {
    return runAll();
}
