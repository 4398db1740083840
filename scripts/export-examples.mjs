// `npm start`: exports every journey of examples/ into out/ with the shipped CLI, in every format, each
// example with its KPI actuals (examples/NAME/actuals.csv, which its copis.config.json names); then one
// report per example folder.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';

const cli = join(import.meta.dirname, '..', 'dist', 'cli.cjs');
const files = readdirSync('examples', { recursive: true }).map(f => join('examples', String(f)))
    .filter(f => f.endsWith('.copis') && /^\s*journey\s/m.test(readFileSync(f, 'utf8')));
const formats = [['svg', 'svg'], ['svg', 'copis.svg', ['--view', 'copis']], ['png', 'png'], ['html', 'html'], ['md', 'md'], ['json', 'json'], ['mermaid', 'mmd']];
let failed = 0;
const run = (args, what) => {
    const result = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });
    if (result.status !== 0) {
        failed++;
        process.stderr.write(`${what} failed (exit ${result.status}):\n${result.stderr}`);
    }
};
for (const file of files) {
    const name = relative('examples', file).replace(/\.copis$/, '').replaceAll('/', '-');
    for (const [to, ext, extra = []] of formats) {
        run(['export', file, '--to', to, ...extra, '-o', join('out', `${name}.${ext}`)], `export of ${file} to ${to}`);
    }
    console.log(`exported ${basename(file)} → out/${name}.{${formats.map(f => f[1]).join(',')}}`);
}
const folders = [...new Set(files.map(f => dirname(f)))].sort();
for (const folder of folders) {
    const name = basename(folder);
    for (const to of ['md', 'html']) run(['report', folder, '--to', to, '-o', join('out', `${name}-report.${to}`)], `report of ${folder} to ${to}`);
    console.log(`reported ${folder} → out/${name}-report.{md,html}`);
}
process.exit(failed > 0 ? 1 : 0);
