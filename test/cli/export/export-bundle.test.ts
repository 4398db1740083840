// `copis export` through the shipped bundle (`npm test` builds dist/cli.cjs first, or run `npm run bundle`).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderStandaloneSvg } from '../../../language-server/diagram/index.js';
import { copyBundle, ROOT, bundle, fixture, workspace } from '../helpers.js';
import { PNG_SIGNATURE, journeyModel, pngSize, svgSize } from '../export-support.js';

/** The SVG as a file holds: with the rules that show a recovery badge's link. */
const FILE = { revealStyle: true };

const RETAIL = 'examples/retail/buy-and-return.copis';

describe('dist/cli.cjs export', () => {
    it('prints the same SVG as the renderer, and writes a PNG of twice its size (@resvg/resvg-js from node_modules)', async () => {
        const svg = bundle(ROOT, 'export', RETAIL, '--to', 'svg');
        expect(svg.stderr).toBe('');
        expect(svg.code).toBe(0);
        expect(svg.stdout).toBe(renderStandaloneSvg(await journeyModel(join(ROOT, RETAIL)), { view: 'journey' }, FILE));

        const dir = workspace();
        const png = bundle(ROOT, 'export', RETAIL, '--to', 'png', '-o', join(dir, 'retail.png'));
        expect(png).toEqual({ code: 0, stdout: `exported: ${join(dir, 'retail.png')}\n`, stderr: '' });
        const bytes = readFileSync(join(dir, 'retail.png'));
        expect([...bytes.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
        const size = svgSize(svg.stdout);
        expect(pngSize(bytes)).toEqual({ width: size.width * 2, height: size.height * 2 });
        // drawn with the font shipped beside the bundle: the same bytes again
        for (const font of ['Arimo-Regular.ttf', 'Arimo-Bold.ttf', 'OFL.txt', 'DejaVuSans.ttf', 'DejaVuSans-Bold.ttf', 'DejaVu-LICENSE.txt']) expect(existsSync(join(ROOT, 'dist', 'fonts', font)), font).toBe(true);
        expect(bundle(ROOT, 'export', RETAIL, '--to', 'png', '-o', join(dir, 'again.png')).code).toBe(0);
        expect(readFileSync(join(dir, 'again.png')).equals(bytes)).toBe(true);
    });

    it('without @resvg/resvg-js, only --to png fails, with a message that says what to do', () => {
        bundle(ROOT, '--version'); // fails clearly when the bundle is missing
        // The bundle alone, away from the project's node_modules.
        const dir = workspace({ 'shop.copis': fixture('shop.copis') });
        copyBundle(dir);
        const run = (...args: string[]) => {
            const result = spawnSync(process.execPath, [join(dir, 'cli.cjs'), ...args], { cwd: dir, encoding: 'utf8', timeout: 30000 });
            return { code: result.status, stdout: result.stdout, stderr: result.stderr };
        };
        const png = run('export', 'shop.copis', '--to', 'png', '-o', 'shop.png');
        expect(png).toEqual({
            code: 2,
            stdout: '',
            stderr: 'copis: --to png needs the @resvg/resvg-js package, which is not installed here; run `npm install @resvg/resvg-js` in your project (or export svg and convert it with another tool)\n'
        });
        expect(existsSync(join(dir, 'shop.png'))).toBe(false);
        for (const to of ['svg', 'html', 'mermaid', 'json', 'md']) {
            const other = run('export', 'shop.copis', '--to', to, '-o', `shop.${to}`);
            expect(other, to).toEqual({ code: 0, stdout: `exported: shop.${to}\n`, stderr: '' });
        }
    });

    it('exits 1 on syntax errors and 2 on bad usage, without a stack trace', () => {
        const dir = workspace({ 'syntax.copis': fixture('syntax.copis') });
        const syntax = bundle(dir, 'export', 'syntax.copis', '--to', 'json', '-o', 'out.json');
        expect(syntax.code).toBe(1);
        expect(existsSync(join(dir, 'out.json'))).toBe(false);
        const usage = bundle(dir, 'export', 'syntax.copis', '--to', 'gif');
        expect(usage.code).toBe(2);
        for (const run of [syntax, usage]) expect(run.stderr).not.toMatch(/^\s+at .+[:(]/m);
    });
});
