// `copis site` of the examples, read back as a browser would read it (parse5, the HTML5 parser): the files it
// writes, that every link resolves inside the site, that the portfolio's cells hold what the model says, that
// the same model gives the same bytes, and that a hostile model's strings stay text.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { JourneyModel } from '../../../language-server/model/journey-model.js';
import { CATEGORY_RANK } from '../../../language-server/model/lifecycle.js';
import { CUSTOMER_FRAGMENT, ELEMENT_FRAGMENT, JOURNEY_DATA_ID, SEARCH_GLOBAL, type SearchIndex } from '../../../src/site-page/data.js';
import { ROOT, copis, workspace } from '../helpers.js';
import { attr, descendants, elementsOf, exampleModels, journeyData, readSite, textOf, type HtmlElement } from './site-helpers.js';

async function exampleSite(...extra: string[]): Promise<{ dir: string; files: Map<string, string>; stdout: string; stderr: string }> {
    const dir = join(workspace(), 'site');
    const run = await copis(ROOT, 'site', 'examples', '-o', dir, ...extra);
    expect(run.code, run.stderr).toBe(0);
    return { dir, files: readSite(dir), stdout: run.stdout, stderr: run.stderr };
}

const examples = exampleModels;

/** The ids an HTML page gives its elements. */
function idsOf(html: string): Set<string> {
    return new Set(elementsOf(html).map(e => attr(e, 'id')).filter((id): id is string => id !== undefined));
}

describe('copis site of the examples', () => {
    it('writes the index, a page per journey and per customer, the KPIs, opportunities and diagnostics, the script, style, icon and search index', async () => {
        const { files, stdout, stderr } = await exampleSite('--as-of', '2026-12-01');
        const models = await examples();
        const expected = [
            '.copis-site', 'assets/icon.svg', 'assets/search-index.js', 'assets/site.css', 'assets/site.js',
            ...['Carer', 'EnterpriseAccount', 'GiftBuyer', 'GrowthAccount', 'InsuredPatient', 'SelfPayPatient', 'Shopper', 'StarterTeam', 'BargainHunter'].map(c => `customers/${c}.html`),
            'diagnostics.html', 'index.html', ...models.map(m => `journeys/${m.name}.html`), 'kpis.html', 'opportunities.html'
        ].sort();
        expect([...files.keys()]).toEqual(expected);
        expect(stdout).toMatch(/^site written: .*\/index\.html \(17 pages, 22 files, \d+ KB\)\n$/);
        // With the examples' actuals (their configs name them) one KPI is off target as of that date.
        expect(stderr).toBe("copis: the model has 1 information; the site's diagnostics page lists them\n");
        const manifest = JSON.parse(files.get('.copis-site')!) as { generator: string; files: string[] };
        expect(manifest).toEqual({ generator: 'copis site', files: expected.filter(f => f !== '.copis-site') });
    });

    it('gives byte-identical files for the same model (no time stamp; --as-of writes its date)', async () => {
        const a = await exampleSite();
        const b = await exampleSite();
        expect([...b.files.keys()]).toEqual([...a.files.keys()]);
        for (const [path, text] of a.files) expect(b.files.get(path), path).toBe(text);
        const dated = await exampleSite('--as-of', '2026-12-31');
        expect(dated.files.get('index.html')).toContain('as of 2026-12-31');
        expect(a.files.get('index.html')).not.toMatch(/as of|20\d\d-\d\d-\d\dT/);
    });

    it('links only within the site, relatively, and every link, script, style sheet and fragment resolves', async () => {
        const { files } = await exampleSite();
        const ids = new Map([...files].filter(([p]) => p.endsWith('.html')).map(([p, html]) => [p, idsOf(html)]));
        const elementsShown = new Map([...files].filter(([p]) => p.startsWith('journeys/')).map(([p, html]) => [p, new Set(Object.entries(journeyData(html).elements).filter(([, d]) => d.local).map(([id]) => id))]));
        const customersOf = new Map([...files].filter(([p]) => p.startsWith('journeys/')).map(([p, html]) => [p, new Set(journeyData(html).model.customerDetails.map(c => c.id))]));
        let links = 0;
        for (const [path, html] of files) {
            if (!path.endsWith('.html')) continue;
            for (const e of elementsOf(html)) {
                for (const name of ['href', 'src', 'action', 'formaction', 'srcset', 'poster']) {
                    const value = attr(e, name);
                    if (value === undefined) continue;
                    links++;
                    expect(value, `${path}: <${e.tagName} ${name}>`).not.toMatch(/^([a-z][a-z0-9+.-]*:|\/)/i);
                    const url = new URL(value, `http://site/${path}`);
                    const target = url.pathname.slice(1);
                    expect(files.has(target), `${path} links to ${value}`).toBe(true);
                    const fragment = decodeURIComponent(url.hash.slice(1));
                    if (!fragment) continue;
                    const known = ids.get(target)?.has(fragment)
                        || (fragment.startsWith(ELEMENT_FRAGMENT) && elementsShown.get(target)?.has(fragment.slice(ELEMENT_FRAGMENT.length)))
                        || (fragment.startsWith(CUSTOMER_FRAGMENT) && customersOf.get(target)?.has(fragment.slice(CUSTOMER_FRAGMENT.length)));
                    expect(known, `${path} links to ${value}: no such element there`).toBe(true);
                }
            }
        }
        expect(links).toBeGreaterThan(500);
        // The search index's links too.
        const index = searchIndexOf(files);
        for (const [, , id, , , href] of index.entries) {
            if (!href) continue;
            const url = new URL(href, 'http://site/');
            expect(files.has(url.pathname.slice(1)), `${id}: ${href}`).toBe(true);
        }
    });

    it('each page has the strict policy (nothing but its own script, style and icon), one script and no inline script or style', async () => {
        const { files } = await exampleSite();
        for (const [path, html] of files) {
            if (!path.endsWith('.html')) continue;
            const elements = elementsOf(html);
            const policy = elements.filter(e => e.tagName === 'meta' && attr(e, 'http-equiv') === 'Content-Security-Policy').map(e => attr(e, 'content'));
            expect(policy, path).toEqual(["default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'"]);
            const scripts = elements.filter(e => e.tagName === 'script');
            expect(scripts.filter(s => attr(s, 'src') !== undefined).map(s => attr(s, 'src')), path).toEqual([`${'../'.repeat(path.split('/').length - 1)}assets/site.js`]);
            // The only other script element: a journey page's data, which the browser does not run.
            expect(scripts.filter(s => attr(s, 'src') === undefined).map(s => [attr(s, 'type'), attr(s, 'id')]), path)
                .toEqual(path.startsWith('journeys/') ? [['application/json', JOURNEY_DATA_ID]] : []);
            expect(elements.filter(e => e.tagName === 'style' || attr(e, 'style') !== undefined || e.attrs.some(a => a.name.startsWith('on'))), path).toEqual([]);
        }
    });

    it("the portfolio: a row per journey, a column per lifecycle category in use (in lifecycle order), and each cell's counts are the model's", async () => {
        const { files } = await exampleSite();
        const models = await examples();
        const elements = elementsOf(files.get('index.html')!);
        const rows = elements.filter(e => e.tagName === 'tr' && attr(e, 'data-journey') !== undefined);
        expect(rows.map(r => attr(r, 'data-journey'))).toEqual(models.map(m => m.id));
        const used = Object.keys(CATEGORY_RANK).filter(c => models.some(m => m.stages.some(s => s.category === c)));
        const headers = elements.filter(e => e.tagName === 'th' && attr(e, 'class') === 'category').map(textOf);
        expect(headers).toEqual(used.map(c => c.charAt(0).toUpperCase() + c.slice(1).replace('-', ' ')));
        let cells = 0;
        for (const row of rows) {
            const model = models.find(m => m.id === attr(row, 'data-journey'))!;
            const tds = row.childNodes.filter((n): n is HtmlElement => 'tagName' in n && n.tagName === 'td' && attr(n, 'data-category') !== undefined);
            expect(tds.map(td => attr(td, 'data-category'))).toEqual([...used, 'total']);
            for (const td of tds) {
                const category = attr(td, 'data-category')!;
                const expected = cellOracle(model, category === 'total' ? undefined : category);
                if (expected === undefined) {
                    expect(attr(td, 'class'), `${model.id} ${category}`).toContain('empty');
                    continue;
                }
                cells++;
                const read = Object.fromEntries(Object.keys(expected).map(k => [k, Number(attr(td, `data-${k}`))]));
                expect(read, `${model.id} ${category}`).toEqual(expected);
                if (category !== 'total') {
                    const link = descendants(td).find(e => e.tagName === 'a')!;
                    const stage = model.stages.find(s => s.category === category)!;
                    expect(attr(link, 'href')).toBe(`journeys/${model.name}.html#el-${stage.id}`);
                }
            }
        }
        expect(cells).toBeGreaterThan(15);
        // One cell read by eye: the retail returns (post-purchase) hold two negative moments, one of them critical.
        const retail = rows.find(r => attr(r, 'data-journey') === 'RetailBuyAndReturn')!;
        const returns = retail.childNodes.find((n): n is HtmlElement => 'tagName' in n && attr(n, 'data-category') === 'post-purchase')!;
        expect([attr(returns, 'data-negative'), attr(returns, 'data-positive'), attr(returns, 'class')]).toEqual(['2', '0', 'cell heat-4']);
    });

    it('the diagnostics page lists what copis validate finds, each with the element it is in', async () => {
        const { files } = await exampleSite('--as-of', '2026-12-01');
        const validate = await copis(ROOT, 'validate', 'examples', '--format', 'json', '--as-of', '2026-12-01');
        const expected = (JSON.parse(validate.stdout) as { diagnostics: Array<{ file: string; line: number; column: number; code: string }> }).diagnostics;
        const rows = diagnosticRows(elementsOf(files.get('diagnostics.html')!));
        expect(rows.map(r => textOf(r.childNodes[0] as HtmlElement))).toEqual(expected.map(d => `${d.file}:${d.line}:${d.column}`));
        expect(rows.map(r => textOf(r.childNodes[3] as HtmlElement))).toEqual(expected.map(d => d.code));
        // kpi-off-target is reported on the KPI (judged by its actual): its row names the KPI.
        expect(expected.map(d => d.code)).toEqual(['kpi-off-target']);
        expect(textOf(rows[0].childNodes[4] as HtmlElement)).toBe('kpi NPS of the booking experience');
    });

    it('the search index holds every declaration, by name and title, with the page that shows it', async () => {
        const { files } = await exampleSite();
        const index = searchIndexOf(files);
        const models = await examples();
        const retail = models.find(m => m.id === 'RetailBuyAndReturn')!;
        const checkout = retail.touchpoints.find(t => t.name === 'Checkout')!;
        expect(index.entries).toContainEqual(['touchpoint', 'Checkout', checkout.id, checkout.title, retail.title, `journeys/RetailBuyAndReturn.html#el-${checkout.id}`]);
        expect(index.entries).toContainEqual(['customer', 'Shopper', 'Shopper', 'Style-conscious shopper', '', 'customers/Shopper.html']);
        for (const m of models) {
            for (const e of [m, ...m.stages, ...m.touchpoints, ...m.moments, ...m.pains, ...m.opportunities, ...m.processes, ...m.customerDetails, ...m.systems, ...m.information]) {
                expect(index.entries.some(x => x[2] === e.id), e.id).toBe(true);
            }
        }
    });
});

/** The rows of a page's diagnostics table, and the text of a row's cells (where, severity, message, code, inside). */
function diagnosticRows(page: HtmlElement[]): HtmlElement[] {
    return page.filter(e => e.tagName === 'tr' && /diagnostic-/.test(attr(e, 'class') ?? ''));
}

function cells(row: HtmlElement): string[] {
    return row.childNodes.filter((n): n is HtmlElement => 'tagName' in n).map(textOf);
}

describe('copis site of a model with problems in its actuals and config files', () => {
    const model = [
        'customer C "Shopper" { count 42000 }',
        'journey Shop "Shopping" {',
        '  customers C',
        '  objective Sell { kpi Conv "Conversion rate" { metric conversion  current 3%  target >= 2% } }',
        '  process Pay "Pay" { owner "Payments" }',
        '  stage S { touchpoint T { channel web  processes Pay } }',
        '  moment M "Pays" { at T  kind first  polarity positive  impact low  kpis Conv }',
        '}',
        ''
    ].join('\n');
    // A file name with markup in it: the site shows it, as text.
    const csv = 'data/<b>x&amp;.csv';
    const rows = [
        'kpi,date,value',
        'Shop.Conv,2026-10-31,2.5%',
        'Shop.Conv,2026-10-31,2.6%', // a second row of that date: actuals-duplicate on its date
        'Shop.Conv,2026-11-30,lots', // not a value: actuals-bad-value
        'Shop.Convrsion,2026-11-30,9.9%', // no such KPI: actuals-unknown-kpi
        ''
    ].join('\n');

    it('lists every problem of the actuals and config files with the KPI the row names, and counts the same ones on the index and the diagnostics page', async () => {
        const dir = workspace({
            'copis.config.json': '{ "actuals": ["data/*.csv"], "exlude": [] }',
            'shop.copis': model,
            [csv]: rows
        });
        const run = await copis(dir, 'site', '.', '-o', 'site', '--as-of', '2026-12-01');
        expect(run.code, run.stderr).toBe(0);
        const files = readSite(join(dir, 'site'));
        const page = elementsOf(files.get('diagnostics.html')!);
        const listed = diagnosticRows(page);
        expect(listed.map(r => { const [where, , , code, inside] = cells(r); return [where, code, inside]; })).toEqual([
            [`${csv}:3:11`, 'actuals-duplicate', 'kpi Conversion rate'],
            [`${csv}:4:22`, 'actuals-bad-value', 'kpi Conversion rate'],
            [`${csv}:5:1`, 'actuals-unknown-kpi', 'kpi Shop.Convrsion (none declared)'],
            ['copis.config.json:1:30', 'invalid-config', '']
        ].sort((a, b) => a[0] < b[0] ? -1 : 1));
        // The file name is text: no element of the page comes from it.
        expect(page.filter(e => e.tagName === 'b')).toEqual([]);
        // The KPI's rows link to it where it is shown: its journey's page (its details panel).
        const bad = listed.find(r => cells(r)[3] === 'actuals-bad-value')!;
        expect(descendants(bad).filter(e => e.tagName === 'a').map(a => attr(a, 'href'))).toEqual(['journeys/Shop.html#el-Shop.Conv']);
        const unknown = listed.find(r => cells(r)[3] === 'actuals-unknown-kpi')!;
        expect(cells(unknown)[2]).toMatch(/^Shop\.Convrsion names no KPI; /);
        // One count: the index, the page's summary and the command's message say the listed ones (of shop.copis and the CSV file).
        const errors = listed.filter(r => attr(r, 'class') === 'diagnostic-error').length;
        const warnings = listed.filter(r => attr(r, 'class') === 'diagnostic-warning').length;
        expect([errors, warnings]).toEqual([3, 1]);
        expect(textOf(page.find(e => e.tagName === 'p' && attr(e, 'class') === 'meta')!)).toBe('2 files: 3 errors, 1 warning (as of 2026-12-01)');
        const index = elementsOf(files.get('index.html')!);
        expect(textOf(index.find(e => attr(e, 'class') === 'diagnostics-count')!)).toBe('3 errors, 1 warning');
        expect(textOf(index.find(e => e.tagName === 'footer')!)).toBe('Made by copis site from 2 files · as of 2026-12-01.');
        expect(run.stderr).toContain("copis: the model has 3 errors, 1 warning; the site's diagnostics page lists them");
        // The journey's own count and list hold its KPI's rows (the unknown KPI's row and the config's are no journey's).
        const row = index.find(e => e.tagName === 'tr' && attr(e, 'data-journey') === 'Shop')!;
        const problems = descendants(row).find(e => /\bproblems\b/.test(attr(e, 'class') ?? ''))!;
        expect([attr(problems, 'data-errors'), attr(problems, 'data-warnings')]).toEqual(['1', '1']);
        const journey = elementsOf(files.get('journeys/Shop.html')!);
        expect(diagnosticRows(journey).map(r => cells(r)[3])).toEqual(['actuals-duplicate', 'actuals-bad-value']);
        // And the KPI's details panel.
        expect(journeyData(files.get('journeys/Shop.html')!).elements['Shop.Conv'].diagnostics?.map(d => d.code)).toEqual(['actuals-duplicate', 'actuals-bad-value']);
    });

    it('names the files a model root is made of when only one of its files is named (the site shows them all)', async () => {
        const dir = workspace({
            'copis.config.json': '{ "actuals": ["data/*.csv"] }',
            'shop.copis': model,
            'other.copis': 'journey Other { stage S { touchpoint T { channel wev } } }\n',
            [csv]: rows
        });
        const run = await copis(dir, 'site', 'shop.copis', '-o', 'site', '--as-of', '2026-12-01');
        expect(run.code, run.stderr).toBe(0);
        const files = readSite(join(dir, 'site'));
        const page = elementsOf(files.get('diagnostics.html')!);
        const listed = diagnosticRows(page);
        const codes = listed.map(r => cells(r)[3]);
        expect(codes).toContain('actuals-unknown-kpi');
        // other.copis is not named, but its journey has a page: its problem is listed and counted too.
        expect(files.has('journeys/Other.html')).toBe(true);
        const where = listed.map(r => cells(r)[0]);
        expect(where.some(w => w.startsWith('other.copis:'))).toBe(true);
        const counted = textOf(page.find(e => e.tagName === 'p' && attr(e, 'class') === 'meta')!);
        const errors = listed.filter(r => attr(r, 'class') === 'diagnostic-error').length;
        const warnings = listed.filter(r => attr(r, 'class') === 'diagnostic-warning').length;
        const information = listed.length - errors - warnings;
        expect(counted).toBe(`3 files: ${[errors && `${errors} error${errors === 1 ? '' : 's'}`, warnings && `${warnings} warning${warnings === 1 ? '' : 's'}`, information && `${information} information`].filter(Boolean).join(', ')} (as of 2026-12-01)`);
    });
});

describe('copis site of a hostile model', () => {
    const PAYLOADS = [
        '</script><script>window.__pwned=1</script>',
        '<img src=x onerror=window.__pwned=2>',
        '"><svg onload=window.__pwned=3>',
        "'; window.__pwned=4; '",
        '<!-- <script>window.__pwned=5</script> -->',
        'javascript:window.__pwned=6',
        '\u2028\u2029 </SCRIPT > &lt;&amp; \u0085 \uFFFE'
    ];
    const q = (t: string) => `"${t.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
    const model = [
        `/** ${PAYLOADS.join(' ')} */`,
        `customer C ${q(PAYLOADS[0])} { segment ${q(PAYLOADS[1])}  value high }`,
        `journey J ${q(PAYLOADS[2])} {`,
        '  customers C',
        `  stage S ${q(PAYLOADS[3])} { category purchase`,
        `    /** ${PAYLOADS[4]} */`,
        `    touchpoint T ${q(PAYLOADS[5])} { channel web  emotion -1 }`,
        '  }',
        `  moment M ${q(PAYLOADS[6])} { at T  kind first  polarity negative  impact high  owner ${q(PAYLOADS[0])} }`,
        '}',
        ''
    ].join('\n');

    it('no model string becomes markup: the only elements are the pages\' own, and the data blocks hold the strings exactly', async () => {
        const dir = workspace({ 'j.copis': model });
        const run = await copis(dir, 'site', '-o', 'site', '--title', PAYLOADS[1]);
        expect(run.code, run.stderr).toBe(0);
        const files = readSite(join(dir, 'site'));
        for (const [path, html] of files) {
            if (!path.endsWith('.html')) continue;
            const elements = elementsOf(html);
            const icon = `${'../'.repeat(path.split('/').length - 1)}assets/icon.svg`;
            expect(elements.filter(e => e.tagName === 'img').map(e => attr(e, 'src')), path).toEqual([icon]);
            expect(elements.filter(e => ['svg', 'iframe', 'object', 'embed', 'base', 'style'].includes(e.tagName) && !(e.tagName === 'svg' && attr(e, 'class')?.startsWith('copis-diagram'))).map(e => e.tagName), path).toEqual([]);
            expect(elements.filter(e => e.attrs.some(a => a.name.startsWith('on'))).map(e => e.tagName), path).toEqual([]);
            expect(elements.filter(e => e.tagName === 'script').map(e => attr(e, 'src') ?? attr(e, 'type')), path).toEqual([`${'../'.repeat(path.split('/').length - 1)}assets/site.js`, ...(path.startsWith('journeys/') ? ['application/json'] : [])]);
            expect(elements.filter(e => e.tagName === 'a').every(a => !/^javascript:/i.test(attr(a, 'href') ?? '')), path).toBe(true);
            // The title is text wherever it shows.
            expect(textOf(elements.find(e => e.tagName === 'title')!), path).toContain(PAYLOADS[1]);
        }
        const data = journeyData(files.get('journeys/J.html')!);
        expect(data.model.title).toBe(PAYLOADS[2]);
        expect(data.elements['J.T'].label).toBe(PAYLOADS[5]);
        expect(data.elements['J.T'].doc).toBe(PAYLOADS[4]);
        // A label is the title trimmed (as in every export): the separators at its start are white space.
        expect(data.elements['J.M'].label).toBe(PAYLOADS[6].trim());
        expect(data.model.moments[0].title).toBe(PAYLOADS[6]);
        expect(textOf(elementsOf(files.get('journeys/J.html')!).find(e => e.tagName === 'h1')!)).toBe(PAYLOADS[2]);
        const index = searchIndexOf(files);
        expect(index.entries.find(e => e[2] === 'C')?.[3]).toBe(PAYLOADS[0]);
    });
});

/** Runs the search index file as the page would, and returns what it assigns. */
function searchIndexOf(files: Map<string, string>): SearchIndex {
    const text = files.get('assets/search-index.js')!;
    const prefix = `window.${SEARCH_GLOBAL}=`;
    expect(text.startsWith(prefix) && text.endsWith(';\n')).toBe(true);
    return JSON.parse(text.slice(prefix.length, -2)) as SearchIndex;
}

/**
 * What a portfolio cell must say, read straight off the journey model: the moments of its stages of that
 * category by polarity, and the KPIs those moments name, met and missed (the total: every moment, every KPI).
 */
function cellOracle(model: JourneyModel, category: string | undefined): Record<string, number> | undefined {
    const stages = category === undefined ? model.stages : model.stages.filter(s => s.category === category);
    if (stages.length === 0) return undefined;
    const moments = model.moments.filter(m => stages.some(s => s.id === m.stage));
    const allKpis = model.objectives.flatMap(o => o.kpis);
    const kpis = category === undefined ? allKpis : allKpis.filter(k => moments.some(m => m.kpis.includes(k.id)));
    const count = (p: string | undefined) => moments.filter(m => m.polarity === p).length;
    const out: Record<string, number> = { moments: moments.length, positive: count('positive'), negative: count('negative'), mixed: count('mixed'), 'no-polarity': count(undefined) };
    if (kpis.length > 0) Object.assign(out, { 'kpis-met': kpis.filter(k => k.met === true).length, 'kpis-missed': kpis.filter(k => k.met === false).length });
    return out;
}
