// `copis validate` stops V8's young generation from growing (src/cli/startup/young-generation.ts): its trees all
// survive, and a young generation grown to 2 × 16 MB was a sixth of its peak memory. Not a timed test: it checks
// the size V8 reports at exit, against a command that loads the same model and lets it grow.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateWorkspace } from '../../../bench/generate.mjs';
import { BUNDLE, workspace } from '../helpers.js';

/** The young generation's size (bytes) when `copis ARGS` exits, as V8 reports it, and the run's exit code. */
function youngGenerationAtExit(dir: string, ...args: string[]): { size: number; code: number | null } {
    const report = join(dir, 'report.cjs');
    writeFileSync(report, "process.on('exit', () => { process.stderr.write('new_space ' + require('v8').getHeapSpaceStatistics().find(s => s.space_name === 'new_space').space_size + '\\n'); });\n");
    const result = spawnSync(process.execPath, ['--require', report, BUNDLE, ...args], { cwd: dir, encoding: 'utf8', timeout: 60000, env: { ...process.env, COPIS_CODE_CACHE: 'off' } });
    const size = Number(/new_space (\d+)/.exec(result.stderr)?.[1]);
    return { size, code: result.status };
}

describe('the young generation', () => {
    it('stays at its size at the start of copis validate, where a command loading the same model lets it grow', () => {
        const dir = workspace();
        generateWorkspace(join(dir, 'model'), 5000);
        const validate = youngGenerationAtExit(dir, 'validate', 'model', '--format', 'json');
        const report = youngGenerationAtExit(dir, 'report', 'model', '--to', 'json');
        expect(validate.code).toBe(0);
        expect(report.code).toBe(0);
        expect(validate.size).toBeGreaterThan(0);
        expect(validate.size).toBeLessThanOrEqual(8 * 1024 * 1024);
        expect(report.size).toBeGreaterThan(2 * validate.size);
    }, 120000);
});
