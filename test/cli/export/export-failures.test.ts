// Failures that no model in the repository causes, forced here: resvg failing to rasterise (out of memory,
// a bug in the native addon) and the renderer throwing. The export says what happened in one line, exits 2,
// and leaves an existing output byte for byte; nothing else is written.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { STACK_TRACE, copis, fixture, snapshot, workspace } from '../helpers.js';

const failing = vi.hoisted(() => ({ raster: false, render: false }));

vi.mock('@resvg/resvg-js', async original => {
    const real = await original<typeof import('@resvg/resvg-js')>();
    class Resvg extends real.Resvg {
        override render() {
            if (failing.raster) throw new Error('Failed to allocate the pixmap\n    at Resvg.render (native)');
            return super.render();
        }
    }
    return { ...real, Resvg, default: { ...real, Resvg } };
});

vi.mock('../../../language-server/diagram/index.js', async original => {
    const real = await original<typeof import('../../../language-server/diagram/index.js')>();
    return {
        ...real,
        renderStandaloneSvg: (...args: Parameters<typeof real.renderStandaloneSvg>) => {
            if (failing.render) throw new RangeError('Maximum call stack size exceeded');
            return real.renderStandaloneSvg(...args);
        },
        renderStandalone: (...args: Parameters<typeof real.renderStandalone>) => {
            if (failing.render) throw new RangeError('Maximum call stack size exceeded');
            return real.renderStandalone(...args);
        }
    };
});

const PREVIOUS = 'the previous export\n';

beforeEach(() => {
    failing.raster = false;
    failing.render = false;
});

describe('when the PNG cannot be rasterised', () => {
    it('exit 2, one line that says so and what to do, the previous PNG kept, nothing else written', async () => {
        const dir = workspace({ 'shop.copis': fixture('shop.copis'), 'out/buy.png': PREVIOUS });
        // The same export works while resvg does.
        expect((await copis(dir, 'export', 'shop.copis', '--to', 'png', '-o', 'out/ok.png')).code).toBe(0);
        failing.raster = true;
        const before = snapshot(dir);
        const run = await copis(dir, 'export', 'shop.copis', '--to', 'png', '-o', 'out/buy.png');
        expect(run).toEqual({
            code: 2,
            stdout: '',
            stderr: 'copis: --to png: the diagram could not be rasterised (Failed to allocate the pixmap), so nothing was written (out/buy.png is unchanged); export svg instead\n'
        });
        expect(snapshot(dir)).toEqual(before);
        expect(readFileSync(join(dir, 'out', 'buy.png'), 'utf8')).toBe(PREVIOUS);
    });
});

describe('when the renderer fails', () => {
    it.each(['svg', 'png', 'html'])('--to %s: an internal error in one line, exit 2, the previous output kept, nothing else written', async to => {
        const dir = workspace({ 'shop.copis': fixture('shop.copis'), [`out/buy.${to}`]: PREVIOUS });
        failing.render = true;
        const before = snapshot(dir);
        const run = await copis(dir, 'export', 'shop.copis', '--to', to, '-o', `out/buy.${to}`);
        expect(run).toEqual({ code: 2, stdout: '', stderr: 'copis: internal error: Maximum call stack size exceeded; please report it\n' });
        expect(run.stderr).not.toMatch(STACK_TRACE);
        expect(snapshot(dir)).toEqual(before);
        // The formats that do not draw are not affected.
        expect((await copis(dir, 'export', 'shop.copis', '--to', 'md', '-o', 'out/buy.md')).code).toBe(0);
    });
});
