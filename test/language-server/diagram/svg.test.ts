import { describe, expect, test } from 'vitest';
import { escapeXml, renderDiagram, renderStandaloneSvg, revealStyle, THEMES } from '../../../language-server/diagram/index.js';
import { SHOP } from './fixtures.js';
import { allElements, modelOf, parseXml, textOf } from './helpers.js';

const VIEWS = ['journey', 'copis'] as const;

const SCRIPT = '<script>alert(1)</script>';
const IMG = '"><img src=x onerror=alert(1)>';
const QUOTES = `'single' & "double"`;
/** As a .copis string literal: quotes and backslashes escaped. */
const q = (s: string) => `"${s.replace(/["\\]/g, c => `\\${c}`)}"`;
const HOSTILE = `
/** Doc with ${SCRIPT} and ${IMG} & more */
customer Evil ${q(IMG)} { segment ${q(SCRIPT)} }
system Sys ${q(SCRIPT)} { owner ${q(IMG)} }
information Inf ${q(QUOTES)} { source Sys  owner ${q(SCRIPT)} }
journey J ${q(SCRIPT)} {
  customers Evil
  objective O ${q(IMG)} { for Evil  kpi K ${q(SCRIPT)} { metric custom  unit ${q(IMG)}  current 3  target >= 4 } }
  process P ${q(IMG)} { owner ${q(SCRIPT)}  lane frontstage  systems Sys  reads Inf  supports O  steps ${q(SCRIPT)}, ${q(IMG)} }
  stage S ${q(IMG)} {
    /** ${SCRIPT} */
    touchpoint T ${q(SCRIPT)} { channel web  processes P  emotion 1 }
  }
  moment M ${q(IMG)} { at T  kind first  polarity positive  impact high  kpis K  owner ${q(SCRIPT)}  recovery P }
  pain Pn ${q(SCRIPT)} { at T  severity high }
  opportunity Op ${q(IMG)} { addresses Pn  owner ${q(SCRIPT)} }
}
`;

describe('escaping', () => {
    test('escapeXml escapes the five specials and drops what XML cannot hold', () => {
        expect(escapeXml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
        expect(escapeXml('a\u0000b\u0007c\u001Fd\tok\uD800e')).toBe('a\uFFFDb\uFFFDc\uFFFDd\tok\uFFFDe');
        expect(escapeXml('😀 emoji stays')).toBe('😀 emoji stays');
    });

    for (const view of VIEWS) {
        test(`${view} view: hostile titles, owners, units, steps and doc comments appear only escaped`, async () => {
            const model = await modelOf(HOSTILE);
            expect(model.title).toBe(SCRIPT);
            expect(model.touchpoints[0].doc).toBe(SCRIPT);
            const { svg } = renderDiagram(model, { view });
            expect(svg).not.toMatch(/<script/i);
            expect(svg).not.toMatch(/<img/i);
            // `onerror` only inside escaped text or quoted values, never in the markup itself
            const markup = svg.replace(/>[^<]*</g, '><').replace(/"[^"]*"/g, '""');
            expect(markup).not.toMatch(/onerror|script|img/i);
            expect(markup).toMatch(/^<svg xmlns="" /);
            expect(svg).not.toMatch(/<foreignObject/i);
            expect(svg).not.toMatch(/href/i);
            expect(svg).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
            expect(svg).toContain('&quot;&gt;&lt;img src=x onerror=alert(1)&gt;');

            // well-formed, and the tree has only our elements and our attributes
            const root = parseXml(svg);
            const elements = allElements(root);
            const tags = new Set(elements.map(e => e.name));
            expect([...tags].sort()).toEqual(expect.arrayContaining(['g', 'rect', 'svg', 'text', 'title']));
            for (const tag of tags) expect(['svg', 'title', 'g', 'rect', 'circle', 'path', 'text']).toContain(tag);
            for (const e of elements) {
                for (const name of Object.keys(e.attributes)) {
                    expect(name, `<${e.name} ${name}>`).not.toMatch(/^on/i);
                    expect(name).not.toMatch(/href|style|src/i);
                }
            }
            // the hostile strings survive as text: decoded, they are what the model said
            const allText = elements.filter(e => e.name === 'text' || e.name === 'title').map(textOf).join('\n');
            expect(allText).toContain(SCRIPT);
            expect(allText).toContain(IMG);
            if (view === 'copis') expect(allText).toContain(QUOTES);
            expect(root.attributes['aria-label']).toBe(SCRIPT);
        });
    }

    test('hostile ids and kinds in attributes stay inside their quotes', async () => {
        const model = await modelOf(HOSTILE);
        // Ids come from names (letters and digits), but the renderer escapes them all the same.
        model.touchpoints[0].id = `x" onclick="alert(1)`;
        model.stages[0].touchpoints = [model.touchpoints[0].id];
        const { svg } = renderDiagram(model, { view: 'journey' });
        const root = parseXml(svg);
        const tagged = allElements(root).filter(e => e.attributes['data-id'] === `x" onclick="alert(1)`);
        expect(tagged.length).toBeGreaterThan(0);
        for (const e of allElements(root)) expect(Object.keys(e.attributes)).not.toContain('onclick');
    });
});

describe('the SVG document', () => {
    for (const view of VIEWS) {
        test(`${view} view: xmlns, width, height, viewBox, role, a <title> with the journey title`, async () => {
            const model = await modelOf(SHOP);
            const rendered = renderDiagram(model, { view });
            const root = parseXml(rendered.svg);
            expect(root.name).toBe('svg');
            expect(root.attributes.xmlns).toBe('http://www.w3.org/2000/svg');
            expect(root.attributes.width).toBe(String(rendered.width));
            expect(root.attributes.height).toBe(String(rendered.height));
            expect(root.attributes.viewBox).toBe(`0 0 ${rendered.width} ${rendered.height}`);
            expect(root.attributes.role).toBe('img');
            const title = root.children.find(c => typeof c !== 'string' && c.name === 'title');
            expect(title && typeof title !== 'string' && textOf(title)).toBe('Shop online');
        });

        test(`${view} view: every drawn model element has data-id and data-kind, and is in the element index with its location`, async () => {
            const model = await modelOf(SHOP);
            const rendered = renderDiagram(model, { view });
            const tagged = allElements(parseXml(rendered.svg)).filter(e => e.attributes['data-id'] !== undefined);
            const ids = new Set(tagged.map(e => e.attributes['data-id']));
            expect([...ids].sort()).toEqual(rendered.elements.map(e => e.id).sort());
            for (const e of tagged) expect(e.attributes['data-kind'], e.attributes['data-id']).toBeTruthy();
            for (const e of rendered.elements) {
                expect(e.location?.uri, e.id).toBe('file:///test/main.copis');
                expect(e.location?.range.start.line, e.id).toBeGreaterThanOrEqual(0);
            }
            if (view === 'journey') {
                for (const t of model.touchpoints) expect(ids.has(t.id)).toBe(true);
                for (const m of model.moments) expect(ids.has(m.id)).toBe(true);
                for (const k of model.objectives.flatMap(o => o.kpis)) expect(ids.has(k.id)).toBe(true);
                expect(rendered.elements.find(e => e.id === 'Shop.Checkout')).toMatchObject({ kind: 'touchpoint', name: 'Checkout' });
            } else {
                for (const c of model.customerDetails) expect(ids.has(c.id)).toBe(true);
            }
        });

        test(`${view} view: colours only through CSS variables with light fallbacks; the standalone SVG writes the light colours`, async () => {
            const model = await modelOf(SHOP);
            const { svg } = renderDiagram(model, { view });
            const colours = [...svg.matchAll(/ (?:fill|stroke)="([^"]*)"/g)].map(m => m[1]).filter(v => v !== 'none');
            expect(colours.length).toBeGreaterThan(20);
            for (const c of colours) expect(c).toMatch(/^var\(--copis-[a-z]+, (var\(--vscode-[A-Za-z0-9-]+, )?#[0-9a-f]{6}\)?\)$/);
            const standalone = renderStandaloneSvg(model, { view });
            expect(standalone).not.toContain('var(');
            const lights = new Set(Object.values(THEMES.light));
            for (const m of standalone.matchAll(/ (?:fill|stroke)="([^"]*)"/g)) if (m[1] !== 'none') expect(lights.has(m[1])).toBe(true);
            // the same drawing otherwise
            expect(standalone.replace(/"#[0-9a-f]{6}"/g, '"C"')).toBe(svg.replace(/"var\([^"]*\)"/g, '"C"'));
            parseXml(standalone);
        });
    }
});

describe('a recovery badge reveals its link without a script', () => {
    const RECOVERY = `journey J {
        process Fix "Call the customer back" { lane frontstage }
        process Other "Other work" { lane frontstage }
        stage S { touchpoint A { channel web  emotion -2  processes Other } touchpoint B { channel web } }
        moment Bad "It broke" { at A  polarity negative  recovery Fix }
    }`;
    const momentOf = (svg: string, id: string) => allElements(parseXml(svg)).find(e => e.attributes['data-kind'] === 'moment' && e.attributes['data-id'] === id)!;
    const badgeOf = (svg: string, id: string) => momentOf(svg, id).children.find((c): c is Exclude<typeof c, string> => typeof c !== 'string' && c.attributes.class === 'copis-badge');

    test('the link is written inside a focusable badge on the moment\'s card, over the badge\'s text; no other line is', async () => {
        const model = await modelOf(RECOVERY);
        for (const svg of [renderDiagram(model, { view: 'journey' }).svg, renderStandaloneSvg(model, { view: 'journey' }, { revealStyle: true })]) {
            const badge = badgeOf(svg, 'J.Bad')!;
            expect(badge.attributes.tabindex).toBe('0');
            const [title, area, ...lines] = badge.children.filter((c): c is Exclude<typeof c, string> => typeof c !== 'string');
            expect(textOf(title)).toBe('recovery: Call the customer back (point at it, or focus it, for the link)');
            expect(area.name).toBe('rect');
            expect(area.attributes['pointer-events']).toBe('all');
            expect(lines.map(l => [l.attributes.class, l.attributes.display, l.attributes['data-kind'], l.attributes['data-from'], l.attributes['data-to']]))
                .toEqual([['copis-line copis-on-hover', 'none', 'recovery', 'J.Bad', 'J.Fix']]);
            // the badge's area covers its glyph and text (their baselines), inside the card's frame
            const [x, y, w, h] = ['x', 'y', 'width', 'height'].map(a => Number(area.attributes[a]));
            const moment = momentOf(svg, 'J.Bad');
            const frame = allElements(moment).find(e => e.name === 'rect')!;
            const badgeTexts = allElements(moment).filter(e => e.name === 'text' && /↺|recovery: |customer back/.test(textOf(e)));
            expect(badgeTexts.map(textOf)).toEqual(['↺', 'recovery: Call the', 'customer back']);
            for (const t of badgeTexts) {
                expect(Number(t.attributes.x)).toBeGreaterThanOrEqual(x);
                expect(Number(t.attributes.y)).toBeGreaterThan(y);
                expect(Number(t.attributes.y)).toBeLessThan(y + h);
            }
            expect(x).toBeGreaterThan(Number(frame.attributes.x));
            expect(x + w).toBeLessThan(Number(frame.attributes.x) + Number(frame.attributes.width));
            // the lines layer keeps the others, and not this one
            const layer = allElements(parseXml(svg)).find(e => e.attributes.class === 'copis-lines')!;
            expect(allElements(layer).filter(e => e.attributes['data-kind'] === 'recovery')).toEqual([]);
            expect(allElements(layer).filter(e => e.attributes['data-kind'] === 'uses')).toHaveLength(1);
        }
    });

    test('the standalone SVG for a file holds the rule in a <style> of its own; the preview\'s SVG and the one for a page do not', async () => {
        const model = await modelOf(RECOVERY);
        const file = renderStandaloneSvg(model, { view: 'journey' }, { revealStyle: true });
        const styles = allElements(parseXml(file)).filter(e => e.name === 'style');
        expect(styles.map(textOf)).toEqual([`\n${revealStyle('resolved')}\n`]);
        expect(revealStyle('resolved')).toMatch(/\.copis-badge:hover \.copis-on-hover, \.copis-badge:focus \.copis-on-hover, [^{]*\{ display: inline; \}/);
        expect(revealStyle('resolved')).not.toContain('var(');
        expect(revealStyle('themed')).toContain('var(--copis-accent, #0a5cc2)');
        expect(renderDiagram(model, { view: 'journey' }).svg).not.toContain('<style');
        expect(renderStandaloneSvg(model, { view: 'journey' })).not.toContain('<style');
        // no badge, no style: nothing to reveal
        expect(renderStandaloneSvg(await modelOf(SHOP), { view: 'journey' }, { revealStyle: true })).not.toContain('<style');
        expect(renderStandaloneSvg(model, { view: 'copis' }, { revealStyle: true })).not.toContain('<style');
    });

    test('a hostile process title reaches the badge\'s tooltip only escaped', async () => {
        const model = await modelOf(HOSTILE);
        const svg = renderStandaloneSvg(model, { view: 'journey' }, { revealStyle: true });
        expect(badgeOf(svg, 'J.M')).toBeDefined();
        expect(svg).toContain(`recovery: ${escapeXml(IMG)}`);
        expect(svg).not.toContain(`recovery: ${IMG}`);
    });
});

describe('determinism', () => {
    for (const view of VIEWS) {
        test(`${view} view: the same model twice, and the same text parsed again, give byte-identical SVG`, async () => {
            const first = renderDiagram(await modelOf(SHOP), { view });
            const model = await modelOf(SHOP);
            expect(renderDiagram(model, { view }).svg).toBe(renderDiagram(model, { view }).svg);
            const again = renderDiagram(await modelOf(SHOP), { view });
            expect(again.svg).toBe(first.svg);
            expect(again.elements).toEqual(first.elements);
            const filtered = renderDiagram(await modelOf(SHOP), { view, customer: 'Shopper' });
            expect(renderDiagram(model, { view, customer: 'Shopper' }).svg).toBe(filtered.svg);
        });
    }

    test('rendering does not change the model', async () => {
        const model = await modelOf(SHOP);
        const before = JSON.stringify(model);
        renderDiagram(model, { view: 'journey' });
        renderDiagram(model, { view: 'copis', customer: 'Gifter' });
        expect(JSON.stringify(model)).toBe(before);
    });
});
