/** `copis export --compact` and `--stages FROM..TO`, and a PNG too large for twice its size. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderStandaloneSvg } from '../../../language-server/diagram/index.js';
import { pngZoom } from '../../../src/cli/export/formats/png.js';
import { bigJourney } from '../../language-server/diagram/fixtures.js';
import { copis, workspace } from '../helpers.js';
import { journeyModel, pngSize, svgSize } from '../export-support.js';

/** The SVG as a file holds: with the rules that show a recovery badge's link. */
const FILE = { revealStyle: true };

const big = () => workspace({ 'big.copis': bigJourney(40) });

describe('copis export --compact', () => {
    it('draws the journey view compact: touchpoints, emotion, moments and pains, narrower', async () => {
        const dir = big();
        const full = await copis(dir, 'export', 'big.copis', '--to', 'svg');
        const compact = await copis(dir, 'export', 'big.copis', '--to', 'svg', '--compact');
        expect(compact.code).toBe(0);
        expect(compact.stdout).toBe(renderStandaloneSvg(await journeyModel(join(dir, 'big.copis')), { view: 'journey', compact: true }, FILE));
        expect(compact.stdout).toContain('data-compact="true"');
        expect(svgSize(compact.stdout).width).toBeLessThan(svgSize(full.stdout).width * 0.7);
        for (const kind of ['process', 'usage', 'opportunity']) {
            expect(full.stdout, kind).toContain(`data-kind="${kind}"`);
            expect(compact.stdout, kind).not.toContain(`data-kind="${kind}"`);
        }
        for (const kind of ['touchpoint', 'emotion', 'moment', 'pain']) expect(compact.stdout, kind).toContain(`data-kind="${kind}"`);
    });

    it('is refused where it means nothing: the COPIS view, a format that draws nothing', async () => {
        const dir = big();
        const copisView = await copis(dir, 'export', 'big.copis', '--to', 'svg', '--view', 'copis', '--compact');
        expect(copisView).toMatchObject({ code: 2, stdout: '' });
        expect(copisView.stderr).toBe('copis: --compact applies to the journey view, not to --view copis; leave one of them out\n');
        const md = await copis(dir, 'export', 'big.copis', '--to', 'md', '--compact');
        expect(md.code).toBe(2);
        expect(md.stderr).toContain('--compact applies to the journey view of the diagram formats (svg, png, html), not to --to md');
    });
});

describe('copis export --stages', () => {
    it('keeps a range of stages, by name, in every format: the diagram, the JSON model, the report', async () => {
        const dir = big();
        const svg = await copis(dir, 'export', 'big.copis', '--to', 'svg', '--stages', 'St2..St4');
        expect(svg.code).toBe(0);
        const stages = [...svg.stdout.matchAll(/data-id="(Big\.St\d+)" data-kind="stage"/g)].map(m => m[1]);
        expect(stages).toEqual(['Big.St2', 'Big.St3', 'Big.St4']);
        expect(svg.stdout).toContain('stages Try to Deliver (3 of 10)');
        const touchpoints = new Set([...svg.stdout.matchAll(/data-id="(Big\.T\d+)" data-kind="touchpoint"/g)].map(m => m[1]));
        expect([...touchpoints]).toEqual(['Big.T8', 'Big.T9', 'Big.T10', 'Big.T11', 'Big.T12', 'Big.T13', 'Big.T14', 'Big.T15', 'Big.T16', 'Big.T17', 'Big.T18', 'Big.T19']);
        const json = JSON.parse((await copis(dir, 'export', 'big.copis', '--to', 'json', '--stages', 'St2..St4')).stdout);
        expect(json.journey.stages.map((s: { name: string }) => s.name)).toEqual(['St2', 'St3', 'St4']);
        expect(json.journey.moments.every((m: { at: string }) => touchpoints.has(m.at))).toBe(true);
        const md = (await copis(dir, 'export', 'big.copis', '--to', 'md', '--stages', 'St9')).stdout;
        expect(md).toContain('### 1. Recommend');
        expect(md).not.toContain('Discover');
    });

    it('open ends, a single stage, and together with --customer and --compact', async () => {
        const dir = big();
        const ids = (svg: string) => [...svg.matchAll(/data-id="(Big\.St\d+)" data-kind="stage"/g)].map(m => m[1]);
        expect(ids((await copis(dir, 'export', 'big.copis', '--to', 'svg', '--stages', 'St8..')).stdout)).toEqual(['Big.St8', 'Big.St9']);
        expect(ids((await copis(dir, 'export', 'big.copis', '--to', 'svg', '--stages', '..St1')).stdout)).toEqual(['Big.St0', 'Big.St1']);
        const one = await copis(dir, 'export', 'big.copis', '--to', 'svg', '--stages', 'St5', '--customer', 'Business', '--compact');
        expect(one.code).toBe(0);
        expect(ids(one.stdout)).toEqual(['Big.St5']);
        expect(one.stdout).toContain('the path of Small business owner');
        expect(one.stdout).toContain('data-compact="true"');
    });

    it('says what is wrong with a range: an unknown stage (did you mean), the wrong order, not a range', async () => {
        const dir = big();
        const unknown = await copis(dir, 'export', 'big.copis', '--to', 'svg', '--stages', 'St2..St44');
        expect(unknown.code).toBe(2);
        expect(unknown.stderr).toMatch(/^copis: --stages St2\.\.St44: journey Big has no stage St44 \(did you mean St4\?\); its stages, in order: St0, St1, .*St9\n$/);
        const backwards = await copis(dir, 'export', 'big.copis', '--to', 'svg', '--stages', 'St4..St2');
        expect(backwards.stderr).toBe('copis: --stages St4..St2: St4 comes after St2 in the journey; write the range in stage order (--stages St2..St4)\n');
        const bad = await copis(dir, 'export', 'big.copis', '--to', 'svg', '--stages', 'St1-St2');
        expect(bad.stderr).toBe('copis: --stages St1-St2: write a range of stage names, e.g. --stages Browse..Pay (or Browse.., ..Pay, or Browse alone)\n');
        expect(bad.code).toBe(2);
    });
});

describe('copis export --to png, too large for twice its size', () => {
    it('scales the whole diagram down, says so, and cuts nothing', async () => {
        const dir = workspace({ 'huge.copis': bigJourney(100) });
        const run = await copis(dir, 'export', 'huge.copis', '--to', 'png', '-o', 'huge.png');
        expect(run.code).toBe(0);
        const svg = renderStandaloneSvg(await journeyModel(join(dir, 'huge.copis')), { view: 'journey' });
        const { width, height } = svgSize(svg);
        const zoom = pngZoom(width, height);
        expect(zoom).toBeLessThan(2);
        expect(run.stderr).toContain(`copis: warning: the diagram (${Math.ceil(width).toLocaleString('en')} × ${Math.ceil(height).toLocaleString('en')}) is too large for a PNG at twice its size, so the whole of it is scaled to ${Math.round(zoom * 100)}%`);
        const size = pngSize(readFileSync(join(dir, 'huge.png')));
        expect(size.width).toBe(Math.round(width * zoom));
        expect(size.height).toBe(Math.round(height * zoom));
        expect(size.width).toBeLessThanOrEqual(16384);
        expect(size.width / size.height).toBeCloseTo(width / height, 2);
    }, 120_000);
});
