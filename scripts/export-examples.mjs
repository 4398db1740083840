// `npm start`: exports every journey of examples/ into out/ with the shipped CLI, in every format.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';

const cli = join(import.meta.dirname, '..', 'dist', 'cli.cjs');
const files = readdirSync('examples', { recursive: true }).map(f => join('examples', String(f)))
    .filter(f => f.endsWith('.copis') && /^\s*journey\s/m.test(readFileSync(f, 'utf8')));
const formats = [['svg', 'svg'], ['svg', 'copis.svg', ['--view', 'copis']], ['png', 'png'], ['html', 'html'], ['md', 'md'], ['json', 'json'], ['mermaid', 'mmd']];
let failed = 0;
for (const file of files) {
    const name = relative('examples', file).replace(/\.copis$/, '').replaceAll('/', '-');
    for (const [to, ext, extra = []] of formats) {
        const out = join('out', `${name}.${ext}`);
        const run = spawnSync(process.execPath, [cli, 'export', file, '--to', to, ...extra, '-o', out], { encoding: 'utf8' });
        if (run.status !== 0) {
            failed++;
            process.stderr.write(`export of ${file} to ${to} failed (exit ${run.status}):\n${run.stderr}`);
        }
    }
    console.log(`exported ${basename(file)} → out/${name}.{${formats.map(f => f[1]).join(',')}}`);
}
process.exit(failed > 0 ? 1 : 0);
