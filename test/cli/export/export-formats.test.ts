// The export formats as pure functions of the model: exact texts, escaping, and Mermaid's own parser.
import { statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { JourneyModel } from '../../../language-server/model/journey-model.js';
import { messageHtml } from '../../../src/cli/export/formats/html.js';
import { messageMarkdown } from '../../../src/cli/export/formats/markdown.js';
import { escapeMarkdown } from '../../../src/cli/markdown/escape-markdown.mjs';
import { emotionScore, renderMermaid } from '../../../src/cli/export/formats/mermaid.js';
import { PNG_FONT_FAMILY, PngUnavailableError, canDrawText, loadResvg, pngFontFiles, pngFontOptions, pngZoom, renderPng } from '../../../src/cli/export/formats/png.js';
import { ROOT } from '../helpers.js';
import { journeyModel, parseMermaidJourney } from '../export-support.js';

const ZWSP = '\u200B';

function journey(parts: Partial<JourneyModel>): JourneyModel {
    return {
        id: 'J', name: 'J', kind: 'journey', customers: [], stages: [], touchpoints: [], moments: [], pains: [], opportunities: [],
        objectives: [], processes: [], customerDetails: [], systems: [], information: [], ...parts
    };
}

/** A journey of one stage per entry of `stages`, each with touchpoints [title, emotion, customers]. */
function small(title: string, stages: [string, [string, number | undefined, string[]][]][], customers: [string, string][]): JourneyModel {
    let index = 0;
    const model = journey({
        title,
        customers: customers.map(c => c[0]),
        customerDetails: customers.map(([name, t]) => ({ id: name, name, title: t, kind: 'customer', needs: [] }))
    });
    stages.forEach(([stageTitle, touchpoints], s) => {
        const stage = { id: `J.S${s}`, name: `S${s}`, title: stageTitle, kind: 'stage' as const, index: s, touchpoints: [] as string[] };
        for (const [tpTitle, emotion, who] of touchpoints) {
            const id = `J.T${index}`;
            model.touchpoints.push({
                id, name: `T${index}`, title: tpTitle, kind: 'touchpoint', stage: stage.id, index: index++, customers: who,
                processes: [], systems: [], information: [], moments: [], ...(emotion === undefined ? {} : { emotion })
            });
            stage.touchpoints.push(id);
        }
        model.stages.push(stage);
    });
    return model;
}

describe('Mermaid journey', () => {
    it('maps emotion -2..2 to the score 1..5, and no emotion to 3', () => {
        expect([-2, -1, 0, 1, 2, undefined].map(emotionScore)).toEqual([1, 2, 3, 4, 5, 3]);
    });

    it('writes stages as sections, touchpoints as tasks with their score, customers as actors', () => {
        const model = small('Buy online', [
            ['Discover', [['See an ad', -2, ['A']], ['Read reviews', 0, ['A', 'B']]]],
            ['Buy', [['Pay', 2, ['B']], ['Wait', undefined, []]]],
            ['Empty', []]
        ], [['A', 'Ann'], ['B', 'Bob']]);
        expect(renderMermaid(model)).toBe([
            'journey',
            '  title Buy online',
            '  section Discover',
            '    See an ad: 1: Ann',
            '    Read reviews: 3: Ann, Bob',
            '  section Buy',
            '    Pay: 5: Bob',
            '    Wait: 3',
            '  section Empty',
            ''
        ].join('\n'));
    });

    it('removes `:`, `#` and `;` from names (and `,` from actors), collapses `%%` and white space, and keeps keywords from being read as such', async () => {
        const model = small('Journey: #1; the best', [
            ['Step 1: look; #think', [
                ['Title search: done', 1, ['A']],
                ['section two', 0, ['A']],
                ['journey map', -1, ['A']],
                ['%% not a comment', 2, ['A']],
                ['Save 20%  on\nshoes', 0, ['A']],
                [':#;', 0, ['A']]
            ]]
        ], [['A', 'Smith, Ann: VIP #1']]);
        const text = renderMermaid(model);
        expect(text).toBe([
            'journey',
            '  title Journey 1 the best',
            '  section Step 1 look think',
            '    \u200BTitle search done: 4: Smith Ann VIP 1',
            '    \u200Bsection two: 3: Smith Ann VIP 1',
            '    \u200Bjourney map: 2: Smith Ann VIP 1',
            '    \u200B% not a comment: 5: Smith Ann VIP 1',
            '    Save 20% on shoes: 3: Smith Ann VIP 1',
            '    T5: 3: Smith Ann VIP 1',
            ''
        ].join('\n'));
        const parsed = await parseMermaidJourney(text);
        expect(parsed.title).toBe('Journey 1 the best');
        expect(parsed.sections).toEqual(['Step 1 look think']);
        expect(parsed.tasks.map(t => t.task)).toEqual([`${ZWSP}Title search done`, `${ZWSP}section two`, `${ZWSP}journey map`, `${ZWSP}% not a comment`, 'Save 20% on shoes', 'T5']);
        expect(parsed.tasks.map(t => t.data)).toEqual(Array.from({ length: 6 }, (_, i) => `: ${[4, 3, 2, 5, 3, 3][i]}: Smith Ann VIP 1`));
    });

    it('the keyword guard is needed: without it Mermaid misreads the line', async () => {
        await expect(parseMermaidJourney('journey\n  title T\n  section S\n    journey map: 3: A\n')).rejects.toThrow(/Parse error/);
        expect((await parseMermaidJourney('journey\n  title T\n  section S\n    Title search: 3: A\n')).tasks).toEqual([]);
    });

    it('every example journey parses with Mermaid, a task per touchpoint with its score', async () => {
        for (const file of ['retail/buy-and-return.copis', 'saas/onboarding-and-support.copis', 'saas/renewal.copis', 'health/outpatient-visit.copis']) {
            const model = await journeyModel(join(ROOT, 'examples', file));
            const parsed = await parseMermaidJourney(renderMermaid(model));
            expect(parsed.sections.length, file).toBe(model.stages.length);
            expect(parsed.tasks.length, file).toBe(model.touchpoints.length);
            expect(parsed.tasks.map(t => Number(t.data.split(':')[1])), file).toEqual(model.touchpoints.map(t => emotionScore(t.emotion)));
        }
    });
});

describe('Markdown escaping', () => {
    it.each([
        ['plain text, 3.4% (ok)', 'plain text, 3.4% (ok)'],
        ['a | b', 'a \\| b'],
        ['# heading', '\\# heading'],
        ['#1 fan', '\\#1 fan'],
        ['not # heading', 'not # heading'],
        ['> quote', '\\> quote'],
        ['a > b', 'a > b'],
        ['- item', '\\- item'],
        ['-1 point', '-1 point'],
        ['---', '\\---'],
        ['+ item', '\\+ item'],
        ['1. item', '1\\. item'],
        ['<b>bold</b> & <script>', '&lt;b>bold&lt;/b> &amp; &lt;script>'],
        ['*em* _em_ `code` [link](x) ~del~ \\', '\\*em\\* \\_em\\_ \\`code\\` \\[link\\](x) \\~del\\~ \\\\'],
        ['two\nlines  \n  here', 'two lines here'],
        // GitHub's extended autolinks: a model's URL or address is text, never a link.
        ['see https://example.com/x and ftp://h', 'see https\\://example.com/x and ftp\\://h'],
        ['www.example.com (WWW.EXAMPLE.COM)', 'www\\.example.com (WWW\\.EXAMPLE.COM)'],
        ['care@example.com', 'care\\@example.com'],
        ['Step 1: pay', 'Step 1: pay'],
        ['awww.', 'awww.'],
        // GitHub's math: `$…$` is text.
        ['costs $5 to $10', 'costs \\$5 to \\$10'],
        // Control characters (C0, DEL, C1) are spaces.
        ['a\u0001b\u007Fc\u0085d', 'a b c d']
    ])('%j', (input, expected) => {
        expect(escapeMarkdown(input)).toBe(expected);
    });

    it('keeps the code spans of diagnostic messages, escaping the rest', () => {
        expect(messageMarkdown('`Nope` is not declared: `a|b` <x>')).toBe('`Nope` is not declared: `a\\|b` &lt;x>');
        expect(messageMarkdown('unbalanced ` <x>')).toBe('unbalanced \\` &lt;x>');
        expect(messageHtml('`<b>` is not `x`')).toBe('<code>&lt;b&gt;</code> is not <code>x</code>');
        expect(messageHtml('odd ` <b>')).toBe('odd ` &lt;b&gt;');
    });
});

describe('PNG', () => {
    it('renders at twice the size, less when a side would pass 16,384 pixels', () => {
        expect(pngZoom(1000, 500)).toBe(2);
        expect(pngZoom(16384, 100)).toBe(1);
        expect(pngZoom(100, 32768)).toBe(0.5);
    });

    it('says what to do when @resvg/resvg-js is not installed, or cannot load', async () => {
        const missing = Object.assign(new Error("Cannot find module '@resvg/resvg-js'"), { code: 'MODULE_NOT_FOUND' });
        await expect(loadResvg(() => Promise.reject(missing))).rejects.toThrow(PngUnavailableError);
        await expect(loadResvg(() => Promise.reject(missing))).rejects.toThrow('--to png needs the @resvg/resvg-js package, which is not installed here; run `npm install @resvg/resvg-js` in your project (or export svg and convert it with another tool)');
        const broken = new Error('Failed to load native binding');
        await expect(loadResvg(() => Promise.reject(broken))).rejects.toThrow(/could not be loaded \(Failed to load native binding\); reinstall it/);
        await expect(loadResvg(() => Promise.resolve({}))).rejects.toThrow(/has no Resvg renderer/);
        // The real one loads.
        expect(typeof (await loadResvg()).Resvg).toBe('function');
    });

    it('draws text with the shipped font only, never the system\'s: the same bytes on every machine', async () => {
        const fonts = pngFontFiles();
        expect(fonts.map(f => basename(f))).toEqual(['Arimo_400Regular.ttf', 'Arimo_700Bold.ttf', 'DejaVuSans.ttf', 'DejaVuSans-Bold.ttf']);
        for (const f of fonts) expect(statSync(f).size).toBeGreaterThan(100_000);
        // what resvg is given
        const seen: Array<Record<string, unknown>> = [];
        const { Resvg } = await loadResvg();
        const spy = { Resvg: class extends Resvg { constructor(svg: string, options?: Record<string, unknown>) { seen.push(options ?? {}); super(svg, options); } } };
        const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="80" height="24"><text x="2" y="18" font-family="Helvetica, Arial, sans-serif" font-size="16" font-weight="bold">Abc</text></svg>';
        // the signs of the diagram are in the shipped fonts too (a box where a glyph is missing would be drawn all the same: compare with a sign no font has)
        const sign = (text: string) => `<svg xmlns="http://www.w3.org/2000/svg" width="40" height="24"><text x="2" y="18" font-family="sans-serif" font-size="16">${text}</text></svg>`;
        const first = await renderPng(svg, 80, 24, spy);
        expect(seen[0].font).toEqual({ loadSystemFonts: false, fontFiles: fonts, defaultFontFamily: PNG_FONT_FAMILY, sansSerifFamily: PNG_FONT_FAMILY });
        expect(Buffer.from((await renderPng(svg, 80, 24)).bytes).equals(Buffer.from(first.bytes))).toBe(true);
        // the text is there, and only the shipped font drew it: without it (and without the system's) there is none
        expect(await canDrawText()).toBe(true);
        const bare = new Resvg(svg, { font: { loadSystemFonts: false, fontFiles: [] } }).render();
        expect([...bare.pixels].some((v, i) => i % 4 === 3 && v > 0)).toBe(false);
        const shipped = new Resvg(svg, { font: pngFontOptions(fonts) }).render();
        expect([...shipped.pixels].some((v, i) => i % 4 === 3 && v > 0)).toBe(true);
        // the signs Arimo lacks come from DejaVu Sans: drawn otherwise than Arimo's empty box
        const pixels = (text: string, files: string[]) => Buffer.from(new Resvg(sign(text), { font: pngFontOptions(files) }).render().pixels);
        for (const glyph of ['\u2713', '\u2717', '\u21ba']) expect(pixels(glyph, fonts).equals(pixels(glyph, fonts.slice(0, 2))), glyph).toBe(false);
        // where the shipped font is missing, the system's fonts stand in (and the export says so)
        expect(pngFontOptions([])).toEqual({ loadSystemFonts: true });
    });
});
