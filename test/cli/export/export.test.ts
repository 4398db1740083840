import { chmodSync, existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { renderStandaloneSvg } from '../../../language-server/diagram/index.js';
import { withFileLocations } from '../../../src/cli/export/formats/json.js';
import { canDrawText } from '../../../src/cli/export/formats/png.js';
import { writeAtomically } from '../../../src/cli/files/write-file.js';
import { ROOT, copis, fixture, workspace } from '../helpers.js';
import { PNG_SIGNATURE, journeyModel, parseMermaidJourney, pngSize, svgSize } from '../export-support.js';

/** The SVG as a file holds: with the rules that show a recovery badge's link. */
const FILE = { revealStyle: true };

const RETAIL = join(ROOT, 'examples', 'retail', 'buy-and-return.copis');
const EXAMPLE_JOURNEYS = [
    'examples/retail/buy-and-return.copis',
    'examples/saas/onboarding-and-support.copis',
    'examples/saas/renewal.copis',
    'examples/health/outpatient-visit.copis'
];
/** Before the examples' actuals (their first rows are of 2026-09-30): their KPIs show `current` as written. */
const BEFORE_ACTUALS = ['--as-of', '2026-09-01'];
const DANGEROUS_TAGS = ['script', 'img', 'iframe', 'object', 'embed', 'a', 'link', 'base', 'form', 'foreignobject', 'use', 'image', 'animate', 'set'];

/** The tag names and attribute names of HTML or SVG text (attribute values are double-quoted), and the text without its tags. */
function tags(text: string): { names: string[]; attributes: string[]; rest: string } {
    const names: string[] = [];
    const attributes: string[] = [];
    const rest = text.replace(/<!DOCTYPE html>/, '').replace(/<\/?([a-zA-Z][\w:-]*)((?:\s+[\w:-]+="[^"]*")*)\s*\/?>/g, (_, name: string, attrs: string) => {
        names.push(name.toLowerCase());
        for (const a of attrs.matchAll(/([\w:-]+)="[^"]*"/g)) attributes.push(a[1].toLowerCase());
        return '';
    });
    return { names, attributes, rest };
}

const CSP = `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`;

/** shop.copis (customers, systems and the journey Buy) beside returns.copis (the journey Return, which uses them). */
function shop(): string {
    return workspace({ 'shop.copis': fixture('shop.copis'), 'returns.copis': fixture('returns.copis') });
}

function schemaValidator() {
    const schema = JSON.parse(readFileSync(join(ROOT, 'docs', 'model.schema.json'), 'utf8'));
    const ajv = new Ajv2020({ allErrors: true, strict: true });
    return ajv.compile(schema);
}

describe('copis export --to svg', () => {
    it('prints the SVG of the preview, byte for byte, with the stage titles', async () => {
        const dir = shop();
        const run = await copis(dir, 'export', 'shop.copis', '--to', 'svg');
        expect(run.stderr).toBe('');
        expect(run.code).toBe(0);
        expect(run.stdout).toBe(renderStandaloneSvg(await journeyModel(join(dir, 'shop.copis')), { view: 'journey' }, FILE));
        expect(run.stdout).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
        expect(run.stdout).toContain('>Browse</text>');
        expect(run.stdout).toContain('>Get</text>');
    });

    it('writes -o PATH, says so, and leaves no temporary file', async () => {
        const dir = shop();
        const run = await copis(dir, 'export', 'shop.copis', '--to', 'svg', '-o', 'out/buy.svg');
        expect(run).toEqual({ code: 0, stdout: 'exported: out/buy.svg\n', stderr: '' });
        expect(readFileSync(join(dir, 'out', 'buy.svg'), 'utf8')).toBe(renderStandaloneSvg(await journeyModel(join(dir, 'shop.copis')), { view: 'journey' }, FILE));
        expect(readdirSync(join(dir, 'out'))).toEqual(['buy.svg']);
    });

    it('-o - prints to stdout, as no -o does', async () => {
        const dir = shop();
        const run = await copis(dir, 'export', 'shop.copis', '--to', 'svg', '-o', '-');
        expect(run.code).toBe(0);
        expect(run.stdout).toBe((await copis(dir, 'export', 'shop.copis', '--to', 'svg')).stdout);
        expect(readdirSync(dir).sort()).toEqual(['returns.copis', 'shop.copis']);
    });

    it('--view copis draws the COPIS view', async () => {
        const run = await copis(ROOT, 'export', RETAIL, '--to', 'svg', '--view', 'copis');
        expect(run.code).toBe(0);
        expect(run.stdout).toContain('data-view="copis"');
        expect(run.stdout).toBe(renderStandaloneSvg(await journeyModel(RETAIL), { view: 'copis' }, FILE));
    });

    it('--customer draws one customer\'s path, as the preview\'s filter does', async () => {
        const model = await journeyModel(RETAIL);
        const run = await copis(ROOT, 'export', RETAIL, '--to', 'svg', '--customer', 'GiftBuyer');
        expect(run.code).toBe(0);
        expect(run.stdout).toBe(renderStandaloneSvg(model, { view: 'journey', customer: 'GiftBuyer' }, FILE));
        expect(run.stdout).not.toBe(renderStandaloneSvg(model, { view: 'journey' }, FILE));
        // Bargain hunters never use the care chat, which names its customers.
        expect((await copis(ROOT, 'export', RETAIL, '--to', 'svg', '--customer', 'BargainHunter')).stdout).not.toContain('where is my refund');
    });
});

describe('copis export --to png', () => {
    it('writes a PNG at twice the size of the SVG', async () => {
        const dir = shop();
        const run = await copis(dir, 'export', 'shop.copis', '--to', 'png', '-o', 'buy.png');
        expect(run).toEqual({ code: 0, stdout: 'exported: buy.png\n', stderr: '' });
        const png = readFileSync(join(dir, 'buy.png'));
        expect([...png.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
        const svg = svgSize((await copis(dir, 'export', 'shop.copis', '--to', 'svg')).stdout);
        expect(pngSize(png)).toEqual({ width: svg.width * 2, height: svg.height * 2 });
    });

    it('finds a system font, so the PNG has text (install one if this fails: apt-get install fonts-liberation)', async () => {
        expect(await canDrawText()).toBe(true);
    });

    it('needs -o (it is binary), and refuses --view for text formats', async () => {
        const dir = shop();
        const png = await copis(dir, 'export', 'shop.copis', '--to', 'png');
        expect(png.code).toBe(2);
        expect(png.stderr).toBe('copis: --to png writes a binary file: name it with -o, e.g. -o journey.png\n');
        const view = await copis(dir, 'export', 'shop.copis', '--to', 'md', '--view', 'copis');
        expect(view.code).toBe(2);
        expect(view.stderr).toContain('--view applies to the diagram formats (svg, png, html)');
    });
});

describe('copis export --to html', () => {
    it('is one standalone page: a strict CSP, the SVG, the KPI table, the diagnostics, no script', async () => {
        const run = await copis(ROOT, 'export', RETAIL, '--to', 'html', ...BEFORE_ACTUALS);
        expect(run.code).toBe(0);
        const html = run.stdout;
        expect(html.startsWith('<!DOCTYPE html>\n')).toBe(true);
        expect(html).toContain(CSP);
        // The CSP comes before anything that could load.
        expect(html.indexOf(CSP)).toBeLessThan(html.indexOf('<title>'));
        expect(html).toContain(renderStandaloneSvg(await journeyModel(RETAIL, { asOf: '2026-09-01' }), { view: 'journey' }).trimEnd());
        expect(html).not.toMatch(/<script/i);
        expect(html).not.toMatch(/\s(?:src|href)=/i);
        expect(html).not.toMatch(/https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
        expect(html).toContain('<h1>Buy and return apparel online</h1>');
        expect(html).toMatch(/<tr data-id="RetailBuyAndReturn\.Conversion" class="kpi-met"><td>Turn browsers into buyers.*<td>Visit-to-order conversion<\/td><td>conversion<\/td><td class="num">3\.4%<\/td><td class="num">≥ 3\.2%<\/td><td class="num"><\/td><td><\/td><td class="met">met<\/td><\/tr>/);
        expect(html).toMatch(/<tr data-id="RetailBuyAndReturn\.ReturnCsat" class="kpi-missed">.*<td class="num">78%<\/td><td class="num">≥ 85%<\/td><td class="num">2027-06-30<\/td><td>Customer care<\/td><td class="missed">missed<\/td><\/tr>/);
        expect(html).toContain('<p>9 of 10 KPIs met, 1 missed.</p>');
        expect(html).toContain('<td><code>examples/retail/buy-and-return.copis:26:9</code></td><td class="information">information</td><td>KPI <code>ReturnCsat</code> is off target: current 78%, target &gt;= 85%.</td><td><code>kpi-off-target</code></td>');
    });

    it('lists the problems of the loaded files, and says when there are none', async () => {
        const broken = await copis(workspace({ 'broken.copis': fixture('broken.copis') }), 'export', 'broken.copis', '--to', 'html');
        expect(broken.code).toBe(0);
        expect(broken.stdout).toContain('<p>1 file: 1 error, 1 warning, 1 information.</p>');
        expect(broken.stdout).toContain('<td class="error">error</td><td><code>Nope</code> is not declared');
        const clean = await copis(shop(), 'export', 'shop.copis', '--to', 'html');
        expect(clean.stdout).toContain('<p>2 files: no problems.</p>');
    });
});

describe('copis export --to json', () => {
    it('validates against docs/model.schema.json for every example journey, and round-trips', async () => {
        const validate = schemaValidator();
        for (const file of EXAMPLE_JOURNEYS) {
            const run = await copis(ROOT, 'export', file, '--to', 'json');
            expect(run.code, file).toBe(0);
            const json = JSON.parse(run.stdout);
            expect(validate(json), `${file}: ${JSON.stringify(validate.errors)}`).toBe(true);
            const model = await journeyModel(join(ROOT, file));
            const fileOf = (uri: string) => uri.slice(uri.indexOf('/examples/') + 1);
            expect(json.journey).toEqual(withFileLocations(model, fileOf));
            expect(JSON.stringify(json, null, 2) + '\n').toBe(run.stdout);
        }
    });

    it('has the envelope: version, journey, files (FILE first), diagnostics; locations are files and lines from 1', async () => {
        const dir = shop();
        const json = JSON.parse((await copis(dir, 'export', 'returns.copis', '--to', 'json')).stdout);
        expect(Object.keys(json)).toEqual(['version', 'journey', 'files', 'diagnostics']);
        expect(json.version).toBe(1);
        expect(json.files).toEqual(['returns.copis', 'shop.copis']);
        expect(json.diagnostics).toEqual([]);
        expect(json.journey.location).toEqual({ file: 'returns.copis', line: 2, column: 1, endLine: 7, endColumn: 2 });
        // Shop, declared in shop.copis, is resolved through the folder around FILE.
        expect(json.journey.systems).toEqual([expect.objectContaining({ id: 'Shop', title: 'Web shop', location: expect.objectContaining({ file: 'shop.copis', line: 2 }) })]);
    });

    it('--customer filters the model and names the customer; still valid', async () => {
        const run = await copis(ROOT, 'export', RETAIL, '--to', 'json', '--customer', 'BargainHunter');
        const json = JSON.parse(run.stdout);
        expect(schemaValidator()(json)).toBe(true);
        expect(json.customer).toBe('BargainHunter');
        expect(json.journey.customers).toEqual(['BargainHunter']);
        expect(json.journey.touchpoints.map((t: { name: string }) => t.name)).not.toContain('CareChat');
        expect(json.journey.touchpoints.every((t: { customers: string[] }) => t.customers.includes('BargainHunter'))).toBe(true);
    });

    it('the schema rejects what the model never holds (it is closed and typed)', () => {
        const validate = schemaValidator();
        const base = { version: 1, files: [], diagnostics: [], journey: { id: 'J', name: 'J', kind: 'journey', customers: [], stages: [], touchpoints: [], moments: [], pains: [], opportunities: [], objectives: [], processes: [], customerDetails: [], systems: [], information: [] } };
        expect(validate(base)).toBe(true);
        expect(validate({ ...base, version: 2 })).toBe(false);
        expect(validate({ ...base, extra: true })).toBe(false);
        expect(validate({ ...base, journey: { ...base.journey, stages: [{ id: 'J.S', name: 'S', kind: 'stage', index: 0, touchpoints: [], colour: 'red' }] } })).toBe(false);
        expect(validate({ ...base, journey: { ...base.journey, touchpoints: [{ id: 'J.T', name: 'T', kind: 'touchpoint', stage: 'J.S', index: 0, customers: [], processes: [], systems: [], information: [], moments: [], emotion: 3 }] } })).toBe(false);
    });
});

describe('copis export --to mermaid', () => {
    it('prints a journey diagram: stages as sections, touchpoints as tasks, customers as actors', async () => {
        const run = await copis(shop(), 'export', 'shop.copis', '--to', 'mermaid');
        expect(run).toEqual({
            code: 0,
            stderr: '',
            stdout: 'journey\n  title Buy\n  section Browse\n    Product page: 4: Shopper\n  section Get\n    Parcel: 5: Shopper\n'
        });
    });

    it('--customer keeps that customer\'s tasks', async () => {
        const run = await copis(ROOT, 'export', RETAIL, '--to', 'mermaid', '--customer', 'BargainHunter');
        expect(run.code).toBe(0);
        expect(run.stdout).not.toContain('Chat where is my refund?');
        expect(run.stdout).toContain('    Checkout: 2: Bargain hunter\n');
    });
});

describe('copis export --to md', () => {
    it('is a report: objectives and KPIs, moments per stage, pains and opportunities, the validator\'s findings', async () => {
        const run = await copis(ROOT, 'export', RETAIL, '--to', 'md', ...BEFORE_ACTUALS);
        expect(run.code).toBe(0);
        const md = run.stdout;
        const headings = md.split('\n').filter(l => /^##? /.test(l));
        expect(headings).toEqual(['# Buy and return apparel online', '## Objectives and KPIs', '## Moments of truth by stage', '## Pains and opportunities', '## What the validator found']);
        expect(md).toContain('| Satisfaction with the return | csat | 78% | ≥ 85% | 2027-06-30 | Customer care | **missed** |');
        expect(md).toContain('### 5. Returns\n');
        expect(md).toContain('- **Where is my refund?** at Waiting for the refund — second moment, negative, critical impact; KPIs: Drop-off to refund, Satisfaction with the return, Customers who buy again within 12 months; recovery: Answer a care chat; owner: Customer care');
        // Exposure unknown: the pain is at no touchpoint.
        expect(md).toContain('| Gift note missing from the parcel |   |   | unknown | nothing yet |');
        expect(md).toContain('| examples/retail/buy-and-return.copis:26:9 | information | KPI `ReturnCsat` is off target: current 78%, target >= 85%. | `kpi-off-target` |');
    });
});

describe('copis export of an example: the actuals its copis.config.json names', () => {
    it('take the place of `current` as of the date given (and not before their first row)', async () => {
        const md = (await copis(ROOT, 'export', RETAIL, '--to', 'md', '--as-of', '2026-12-01')).stdout;
        expect(md).toContain('| Visit-to-order conversion | conversion | 3.6% (actual of 2026-11-30) | ≥ 3.2% |');
        const json = JSON.parse((await copis(ROOT, 'export', RETAIL, '--to', 'json', '--as-of', '2026-10-15')).stdout);
        const conversion = json.journey.objectives.flatMap((o: { kpis: unknown[] }) => o.kpis).find((k: { id: string }) => k.id === 'RetailBuyAndReturn.Conversion');
        expect(conversion).toMatchObject({ current: { text: '3.3%' }, writtenCurrent: { text: '3.4%' }, actual: { date: '2026-09-30', location: { file: 'examples/retail/actuals.csv' } }, series: [] });
        const before = (await copis(ROOT, 'export', RETAIL, '--to', 'md', ...BEFORE_ACTUALS)).stdout;
        expect(before).toContain('| Visit-to-order conversion | conversion | 3.4% | ≥ 3.2% |');
    });
});

describe('copis export --as-of', () => {
    it('judges due dates in the listed problems as of the date given', async () => {
        const dir = workspace({ 'j.copis': 'journey J { objective O { kpi K { metric nps  current 1  target >= 2  due 2026-10-31 } } }\n' });
        const overdue = (await copis(dir, 'export', 'j.copis', '--to', 'md', '--as-of', '2026-11-01')).stdout;
        expect(overdue).toContain('| j.copis:1:75 | warning | KPI `K` was due on 2026-10-31 and is still off target (current 1, target >= 2) as of 2026-11-01;');
        const notYet = (await copis(dir, 'export', 'j.copis', '--to', 'md', '--as-of', '2026-10-31')).stdout;
        expect(notYet).not.toContain('kpi-overdue');
        const bad = await copis(dir, 'export', 'j.copis', '--to', 'md', '--as-of', '2026-13-01');
        expect(bad.code).toBe(2);
        expect(bad.stderr).toContain('YYYY-MM-DD');
    });
});

describe('KPIs of objectives the journey does not own (referenced, not owned)', () => {
    // SaasRenewal names SaasOnboarding.Activation (a moment's kpis) and SaasOnboarding.TimeToFirstValue (an
    // opportunity's improves), KPIs of SaasOnboarding's objective FastTimeToValue.
    const RENEWAL = 'examples/saas/renewal.copis';

    it('the Markdown report lists them with their status, apart from the journey\'s own, and names them everywhere', async () => {
        const md = (await copis(ROOT, 'export', RENEWAL, '--to', 'md', ...BEFORE_ACTUALS)).stdout;
        const headings = md.split('\n').filter(l => /^##? /.test(l));
        expect(headings).toEqual(['# Renew, expand and recommend', '## Objectives and KPIs', '## Referenced objectives', '## Moments of truth by stage', '## Pains and opportunities', '## What the validator found']);
        const referenced = md.slice(md.indexOf('## Referenced objectives'), md.indexOf('## Moments of truth'));
        expect(referenced).toContain('1 of 2 KPIs met, 1 missed.');
        expect(referenced).toContain('### First value within a week\n\nReferenced, not owned: `SaasOnboarding.FastTimeToValue`, from journey SaasOnboarding.');
        expect(referenced).toContain('| Signature to first project live | cycle-time | 9d | ≤ 1w | 2027-06-30 | Onboarding team | **missed** |');
        expect(referenced).toContain('| Invited users active in week 2 | percent | 72% | ≥ 70% |   |   | **met** |');
        // Only the KPIs the journey names: not the objective's others.
        expect(referenced).not.toContain('Onboarding calls per new account');
        // The journey's own section counts its own KPIs only.
        expect(md).toContain('## Objectives and KPIs\n\n5 of 5 KPIs met, 0 missed.');
        // A moment's KPI and an opportunity's improves read as labels, not raw ids.
        expect(md).toContain('KPIs: Gross revenue retention, Renewals signed before the end date, Invited users active in week 2;');
        expect(md).toContain('| Automatic value report for the QBR | Nobody can show what the tool delivered | Seat growth at renewal, Signature to first project live |');
        expect(md).not.toContain('SaasOnboarding.Activation');
        expect(md).not.toContain('SaasOnboarding.TimeToFirstValue');
    });

    it('the HTML KPI table has them, marked referenced, with met or missed', async () => {
        const html = (await copis(ROOT, 'export', RENEWAL, '--to', 'html', ...BEFORE_ACTUALS)).stdout;
        expect(html).toMatch(/<tr data-id="SaasOnboarding\.TimeToFirstValue" class="kpi-missed referenced"><td>First value within a week<br><span class="meta">referenced, not owned · from journey SaasOnboarding<\/span>.*<td class="missed">missed<\/td><\/tr>/);
        expect(html).toMatch(/<tr data-id="SaasOnboarding\.Activation" class="kpi-met referenced">.*<td class="met">met<\/td><\/tr>/);
        expect(html).toContain('<p>5 of 5 KPIs met, 0 missed. Referenced, not owned: 1 of 2 KPIs met, 1 missed.</p>');
        expect(html).not.toContain('SaasOnboarding.KickoffCalls');
    });

    it('the JSON model holds the objective, marked referenced, with just those KPIs and their status', async () => {
        const json = JSON.parse((await copis(ROOT, 'export', RENEWAL, '--to', 'json', ...BEFORE_ACTUALS)).stdout);
        expect(schemaValidator()(json)).toBe(true);
        const objectives = json.journey.objectives as Array<{ id: string; referenced?: boolean; kpis: Array<{ id: string; met?: boolean }> }>;
        expect(objectives.map(o => [o.id, o.referenced ?? false])).toEqual([
            ['SaasRenewal.RenewOnTime', false], ['KeepAndGrow', false], ['SaasOnboarding.FastTimeToValue', true]
        ]);
        expect(objectives[2].kpis.map(k => [k.id, k.met])).toEqual([['SaasOnboarding.TimeToFirstValue', false], ['SaasOnboarding.Activation', true]]);
    });

    it('the diagram draws them in the KPI panel (journey view) and the Objectives column (COPIS view), dashed', async () => {
        const journey = (await copis(ROOT, 'export', RENEWAL, '--to', 'svg')).stdout;
        expect(journey).toContain('>Referenced, not owned</text>');
        expect(journey).toContain('>Invited users active in week 2</text>');
        expect(journey).toContain('>referenced · from journey SaasOnboarding</text>');
        const copisView = (await copis(ROOT, 'export', RENEWAL, '--to', 'svg', '--view', 'copis')).stdout;
        // In the COPIS view's narrower column the note wraps onto a second line: the same words, in two text elements.
        expect(copisView).toMatch(/>referenced · from journey(?: SaasOnboarding<\/text>|<\/text>\s*<text[^>]*>SaasOnboarding<\/text>)/);
        expect(copisView).toContain('>First value within a week</text>');
    });
});

describe('hostile strings', () => {
    const title = String.raw`<script>alert(1)</script>\"><img src=x onerror=alert(2)> [x](javascript:alert(3)) | # &amp;`;
    const model = `customer C "C" { value low }
/**
 * # Not a heading
 * - not a list <b>bold</b>
 */
journey J "${title}" {
  customers C
  objective O "${title}" { kpi K "${title}" { metric nps  current 10  target 20  owner "${title}" } }
  stage S "${title}" { category awareness  touchpoint T "${title}" { channel web  emotion 1 } }
  moment M "${title}" { at T  kind zero  polarity positive  impact low  kpis K }
  pain P "${title}" { at T  severity low }
}
`;

    it('are escaped in svg and html: no tag, attribute or URL gets through', async () => {
        const dir = workspace({ 'j.copis': model });
        for (const to of ['svg', 'html']) {
            const run = await copis(dir, 'export', 'j.copis', '--to', to);
            expect(run.code, to).toBe(0);
            const found = tags(run.stdout);
            expect(found.names.filter(n => DANGEROUS_TAGS.includes(n)), to).toEqual([]);
            expect(found.attributes.filter(a => /^on|^(?:xlink:)?href$|^src$/.test(a)), to).toEqual([]);
            // Every `<` opens one of those tags: none comes from the model.
            expect(found.rest, to).not.toContain('<');
            expect(run.stdout).toContain('&lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;img src=x onerror=alert(2)&gt;');
            expect(run.stdout).toContain('&amp;amp;');
        }
    });

    it('are escaped in Markdown: no HTML, no link, no heading, no broken table', async () => {
        const run = await copis(workspace({ 'j.copis': model }), 'export', 'j.copis', '--to', 'md');
        expect(run.code).toBe(0);
        const md = run.stdout;
        expect(md).not.toMatch(/<script|<img/i);
        // The brackets are escaped, so there is no link.
        expect(md).not.toMatch(/(?<!\\)\]\(javascript:/);
        const escaped = String.raw`&lt;script>alert(1)&lt;/script>">&lt;img src=x onerror=alert(2)> \[x\](javascript:alert(3)) \| # &amp;amp;`;
        expect(md.split('\n')[0]).toBe(`# ${escaped}`);
        expect(md).toContain(`| ${escaped} | nps | 10 | ≥ 20 |   | ${escaped} | **missed** |`);
        // The doc comment is a paragraph of text, on one line.
        expect(md).toContain('\n\\# Not a heading - not a list &lt;b>bold&lt;/b>\n');
        // Every table row still has its columns.
        for (const line of md.split('\n').filter(l => l.startsWith('| '))) {
            const cells = line.replace(/\\\|/g, '').split('|').length - 2;
            expect([4, 5, 7, 9], line).toContain(cells);
        }
    });

    // SVG, CSS, javascript: URL and XML payloads in every field, and a 100 KB title, read back by real XML, HTML
    // and Markdown parsers: hostile.test.ts.

    it('are made safe in Mermaid, which Mermaid parses back', async () => {
        const run = await copis(workspace({ 'j.copis': model }), 'export', 'j.copis', '--to', 'mermaid');
        expect(run.code).toBe(0);
        const safe = '<script>alert(1)</script>"><img src=x onerror=alert(2)> [x](javascriptalert(3)) | &amp';
        expect(run.stdout).toBe(`journey\n  title ${safe}\n  section ${safe}\n    ${safe}: 4: C\n`);
        expect(await parseMermaidJourney(run.stdout)).toEqual({ title: safe, sections: [safe], tasks: [{ section: safe, task: safe, data: ': 4: C' }] });
    });
});

describe('choosing the journey and the customer', () => {
    const two = `customer A "Ann" { value low }
customer B "Bob" { value low }
journey First "First" { customers A  stage S "One" { category awareness  touchpoint T "Tee" { channel web  emotion 0 } } }
journey Second "Second" { customers A, B  stage S "Two" { category awareness  touchpoint T "Tea" { channel web  emotion -2 } } }
`;

    it('takes the first journey of FILE, or the one --journey names', async () => {
        const dir = workspace({ 'two.copis': two });
        expect((await copis(dir, 'export', 'two.copis', '--to', 'mermaid')).stdout).toBe('journey\n  title First\n  section One\n    Tee: 3: Ann\n');
        expect((await copis(dir, 'export', 'two.copis', '--to', 'mermaid', '--journey', 'Second')).stdout).toBe('journey\n  title Second\n  section Two\n    Tea: 1: Ann, Bob\n');
    });

    it('an unknown journey or customer is an error that lists the names', async () => {
        const dir = workspace({ 'two.copis': two });
        const journey = await copis(dir, 'export', 'two.copis', '--to', 'svg', '--journey', 'Secnd');
        expect(journey).toEqual({ code: 2, stdout: '', stderr: 'copis: --journey Secnd: two.copis declares no such journey (did you mean Second?); it declares: First, Second\n' });
        const customer = await copis(dir, 'export', 'two.copis', '--to', 'svg', '--journey', 'Second', '--customer', 'Carl');
        expect(customer).toEqual({ code: 2, stdout: '', stderr: 'copis: --customer Carl: no such customer in journey Second; its customers: A, B\n' });
        // Customers of the workspace that the journey does not have are not valid either.
        expect((await copis(dir, 'export', 'two.copis', '--to', 'svg', '--customer', 'B')).stderr).toMatch(/^copis: --customer B: no such customer in journey First.*; its customers: A\n$/);
    });

    it('a file without a journey is an error (exit 2)', async () => {
        const dir = workspace({ 'people.copis': 'customer A "Ann" { value low }\n' });
        const run = await copis(dir, 'export', 'people.copis', '--to', 'json');
        expect(run.code).toBe(2);
        expect(run.stdout).toBe('');
        expect(run.stderr).toMatch(/^copis: people\.copis: declares no journey; /);
    });
});

describe('usage errors (exit 2, nothing written)', () => {
    it('a missing FILE, a file that is not .copis, a bad or missing --to, a folder or model as -o', async () => {
        const dir = shop();
        writeFileSync(join(dir, 'notes.txt'), 'journey J {}');
        const cases: [string[], RegExp][] = [
            [['missing.copis', '--to', 'svg'], /^copis: missing\.copis: no such file/],
            [['notes.txt', '--to', 'svg'], /^copis: notes\.txt: not a \.copis file; /],
            [['shop.copis', '--to', 'pdf'], /error: option '-t, --to <format>' argument 'pdf' is invalid\. Allowed choices are svg, png, html, mermaid, json, md\./],
            [['shop.copis'], /error: required option '-t, --to <format>' not specified/],
            [['shop.copis', '--to', 'svg', '--view', 'side'], /argument 'side' is invalid/],
            [['shop.copis', '--to', 'svg', '-o', '.'], /^copis: -o \.: is a folder; /],
            [['shop.copis', '--to', 'svg', '-o', 'returns.copis'], /^copis: -o returns\.copis: would overwrite a \.copis file; /],
            [['shop.copis', '--to', 'svg', '--workspace', 'nowhere'], /^copis: --workspace nowhere: not a folder; /],
            [['--to', 'svg'], /error: missing required argument 'file'/]
        ];
        for (const [args, message] of cases) {
            const run = await copis(dir, 'export', ...args);
            expect(run.code, args.join(' ')).toBe(2);
            expect(run.stdout, args.join(' ')).toBe('');
            expect(run.stderr, args.join(' ')).toMatch(message);
        }
        expect(readdirSync(dir).sort()).toEqual(['notes.txt', 'returns.copis', 'shop.copis']);
        expect(readFileSync(join(dir, 'returns.copis'), 'utf8')).toBe(fixture('returns.copis'));
    });

    it('an output that cannot be written: exit 2, and said so', async () => {
        const dir = workspace({ 'shop.copis': fixture('shop.copis'), 'file.txt': 'x' });
        const run = await copis(dir, 'export', 'shop.copis', '--to', 'svg', '-o', 'file.txt/buy.svg');
        expect(run.code).toBe(2);
        expect(run.stderr).toMatch(/^copis: file\.txt\/buy\.svg: could not be written: a part of its path is a file, not a folder \((ENOTDIR|EEXIST)\); it is unchanged\n$/);
    });

    it('shows help with the formats, exit codes and examples', async () => {
        const run = await copis(ROOT, 'export', '--help');
        expect(run.code).toBe(0);
        expect(run.stdout).toContain('Usage: copis export [options] <file>');
        expect(run.stdout).toContain('-t, --to <format>');
        expect(run.stdout).toContain('Exit codes:');
        expect((await copis(ROOT, '--help')).stdout).toContain('export [options] <file>');
    });
});

describe('problems in the model', () => {
    it('do not stop the export: what does not resolve is left out, and the problems go to stderr', async () => {
        const dir = workspace({ 'broken.copis': fixture('broken.copis') });
        const run = await copis(dir, 'export', 'broken.copis', '--to', 'svg', '-o', 'broken.svg');
        expect(run.code).toBe(0);
        expect(run.stdout).toBe('exported: broken.svg\n');
        expect(run.stderr).toBe('broken.copis:1:9  warning  Journey `Broken` names no customers; add `customers` with who travels it.  journey-without-customers\n'
            + 'broken.copis:2:77  error  `Nope` is not declared: `processes` expects a process; declare it or correct the name.  unresolved-reference\n'
            + 'copis: exported despite 1 error and 1 warning in the model (what does not resolve is left out); copis validate lists every problem\n');
        expect(readFileSync(join(dir, 'broken.svg'), 'utf8')).toContain('>T</text>');
    });

    it('are in the picture: a banner with the count of errors, and the element they are in marked', async () => {
        const dir = workspace({ 'broken.copis': fixture('broken.copis') });
        const run = await copis(dir, 'export', 'broken.copis', '--to', 'svg');
        expect(run.code).toBe(0);
        expect(run.stdout).toContain('data-kind="problems"');
        expect(run.stdout).toMatch(/>The model has 1 error\. /);
        expect(run.stdout).toMatch(/<g class="copis-el copis-touchpoint" data-id="Broken\.T" data-kind="touchpoint" data-problem="error">/);
        expect((await copis(shop(), 'export', 'shop.copis', '--to', 'svg')).stdout).not.toContain('data-problem');
    });

    it('syntax errors in FILE: exit 1, the errors on stderr, and an existing output untouched', async () => {
        const dir = workspace({ 'j.copis': fixture('syntax.copis'), 'out.svg': 'OLD' });
        const run = await copis(dir, 'export', 'j.copis', '--to', 'svg', '-o', 'out.svg');
        expect(run.code).toBe(1);
        expect(run.stdout).toBe('');
        expect(run.stderr).toMatch(/^j\.copis:1:\d+ {2}error {2}.+ {2}syntax\n/);
        expect(run.stderr).toMatch(/copis: j\.copis: has syntax errors, so nothing was exported \(out\.svg is unchanged\); fix them first \(copis validate shows them\)\n$/);
        expect(readFileSync(join(dir, 'out.svg'), 'utf8')).toBe('OLD');
        expect(readdirSync(dir).sort()).toEqual(['j.copis', 'out.svg']);
    });

    it('an existing output is replaced only when the export succeeds', async () => {
        const dir = workspace({ 'shop.copis': fixture('shop.copis'), 'out.svg': 'OLD' });
        expect((await copis(dir, 'export', 'shop.copis', '--to', 'svg', '-o', 'out.svg', '--customer', 'Nobody')).code).toBe(2);
        expect(readFileSync(join(dir, 'out.svg'), 'utf8')).toBe('OLD');
        expect((await copis(dir, 'export', 'shop.copis', '--to', 'svg', '-o', 'out.svg')).code).toBe(0);
        expect(readFileSync(join(dir, 'out.svg'), 'utf8')).toMatch(/^<svg /);
        expect(readdirSync(dir).sort()).toEqual(['out.svg', 'shop.copis']);
    });

    it('syntax errors in another file around FILE are reported, and the export goes on', async () => {
        const dir = workspace({ 'shop.copis': fixture('shop.copis'), 'other.copis': fixture('syntax.copis') });
        const run = await copis(dir, 'export', 'shop.copis', '--to', 'mermaid');
        expect(run.code).toBe(0);
        expect(run.stdout).toContain('section Browse');
        expect(run.stderr).toMatch(/^other\.copis:1:\d+ {2}error {2}.+ {2}syntax$/m);
    });
});

describe('the files around FILE', () => {
    it('are its folder and below, or those below --workspace DIR, so references to other files resolve', async () => {
        const dir = workspace({ 'models/shop.copis': fixture('shop.copis'), 'models/returns/returns.copis': fixture('returns.copis') });
        // FILE's folder, models/returns, does not hold shop.copis: Shop and Shopper do not resolve. The export
        // still works, leaves them out and lists the problems on stderr.
        const alone = await copis(dir, 'export', 'models/returns/returns.copis', '--to', 'svg');
        expect(alone.code).toBe(0);
        expect(alone.stderr).toContain('models/returns/returns.copis:3:13  error  `Shopper` is not declared');
        expect(alone.stdout).toMatch(/^<svg /);
        expect(alone.stdout).not.toContain('>Web shop</text>');
        // --workspace models loads shop.copis too.
        const run = await copis(dir, 'export', 'models/returns/returns.copis', '--to', 'svg', '--workspace', 'models');
        expect(run.stderr).toBe('');
        expect(run.code).toBe(0);
        expect(run.stdout).toContain('>Web shop</text>');
        expect(run.stdout).toBe(renderStandaloneSvg(await journeyModel(join(dir, 'models/returns/returns.copis'), { folder: join(dir, 'models') }), { view: 'journey' }, FILE));
        // FILE's folder is searched below: from models/shop.copis, models/returns/returns.copis is loaded as well.
        const json = JSON.parse((await copis(dir, 'export', 'models/shop.copis', '--to', 'json')).stdout);
        expect(json.files).toEqual(['models/shop.copis', 'models/returns/returns.copis']);
    });

    it('a FILE beside its shared declarations needs no option', async () => {
        const run = await copis(shop(), 'export', 'returns.copis', '--to', 'svg');
        expect(run.stderr).toBe('');
        expect(run.stdout).toContain('>Web shop</text>');
    });

    it('unreadable files around FILE are reported and left out', async () => {
        const dir = workspace({ 'shop.copis': fixture('shop.copis'), 'bad.copis': new Uint8Array([0, 1, 2]) });
        const run = await copis(dir, 'export', 'shop.copis', '--to', 'mermaid');
        expect(run.code).toBe(0);
        expect(run.stderr).toBe('copis: bad.copis: looks like a binary file (it contains NUL bytes); a .copis file is UTF-8 text; exporting without it\n');
    });
});

describe('writeAtomically', () => {
    it('replaces a file, keeps its permissions, and leaves no temporary file', async () => {
        const dir = workspace({ 'a.txt': 'old' });
        chmodSync(join(dir, 'a.txt'), 0o640);
        await writeAtomically(join(dir, 'a.txt'), 'new');
        expect(readFileSync(join(dir, 'a.txt'), 'utf8')).toBe('new');
        expect(statSync(join(dir, 'a.txt')).mode & 0o777).toBe(0o640);
        await writeAtomically(join(dir, 'b.bin'), Uint8Array.of(1, 2, 3));
        expect([...readFileSync(join(dir, 'b.bin'))]).toEqual([1, 2, 3]);
        expect(readdirSync(dir).sort()).toEqual(['a.txt', 'b.bin']);
    });

    it('leaves what was there, and no temporary file, when the write fails', async () => {
        const dir = workspace({ 'a.txt': 'old', 'folder/keep.txt': 'kept' });
        // The rename onto a folder that is not empty fails: the folder and its content stay, the temporary file goes.
        await expect(writeAtomically(join(dir, 'folder'), 'new')).rejects.toThrow(/EISDIR|ENOTEMPTY|EEXIST|ENOTDIR/);
        expect(readFileSync(join(dir, 'folder', 'keep.txt'), 'utf8')).toBe('kept');
        expect(readdirSync(dir).sort()).toEqual(['a.txt', 'folder']);
        await expect(writeAtomically(join(dir, 'missing', 'a.txt'), 'new')).rejects.toThrow(/ENOENT/);
        expect(existsSync(join(dir, 'missing'))).toBe(false);
        expect(readFileSync(join(dir, 'a.txt'), 'utf8')).toBe('old');
    });
});

describe('the value at stake in the exports (language §7)', () => {
    const VALUED = `customer Buyer "Buyer" { value medium  clv 300 EUR  count 12000 }
journey Buy {
  customers Buyer
  stage S { category purchase
    touchpoint Pay "Payment" { channel web  emotion -1  reach 40% }
  }
  moment Stuck "Payment fails" { at Pay  kind first  polarity negative  impact high }
  pain Slow "Slow payment" { at Pay  severity medium }
  opportunity Quick "One-click retry" { addresses Stuck, Slow  effort medium  confidence 70%  status planned }
  opportunity Guess { addresses Stuck }
}
`;

    it('json: the figures with their inputs, valid against docs/model.schema.json', async () => {
        const run = await copis(workspace({ 'v.copis': VALUED }), 'export', 'v.copis', '--to', 'json');
        expect(run.code).toBe(0);
        const out = JSON.parse(run.stdout);
        const validate = schemaValidator();
        expect(validate(out), JSON.stringify(validate.errors)).toBe(true);
        const [stuck] = out.journey.moments;
        // 12000 × 300 × 40%
        expect(stuck.valueAtRisk).toEqual({
            total: [{ currency: 'EUR', amount: 1_440_000 }],
            terms: [{ customer: 'Buyer', count: 12000, clv: { currency: 'EUR', amount: 300 }, reach: 40, touchpoint: 'Buy.Pay', amount: { currency: 'EUR', amount: 1_440_000 } }],
            unknown: []
        });
        const [quick, guess] = out.journey.opportunities;
        // (1,440,000 × 0.75 + 1,440,000 × 0.5) × 70% ÷ 2
        expect(quick.value).toMatchObject({ value: [{ currency: 'EUR', amount: 1_800_000 }], priority: [{ currency: 'EUR', amount: 630_000 }], rank: [{ currency: 'EUR', rank: 1, of: 1 }] });
        expect(guess.value.priority).toBeUndefined();
        expect(guess.value.unknown).toEqual([{ element: 'Buy.Guess', missing: 'effort', reason: expect.stringContaining('no `effort`') }]);
    });

    it('html: a value-at-stake section with the inputs of each sum', async () => {
        const html = (await copis(workspace({ 'v.copis': VALUED }), 'export', 'v.copis', '--to', 'html')).stdout;
        expect(html).toContain('<tr data-id="Buy.Stuck"><td>Payment fails</td><td>negative</td><td>high</td><td class="num">1,440,000 EUR</td><td>Buyer: 12,000 × 300 EUR × 40% = 1,440,000 EUR</td></tr>');
        expect(html).toContain('<tr data-id="Buy.Quick"><td>One-click retry</td><td>planned</td><td class="num">1,800,000 EUR</td><td class="num">70%</td><td>medium</td><td class="num">630,000 EUR (rank 1 of 1)</td></tr>');
        expect(html).toContain('<td class="num">unknown: no effort</td>');
    });

    it('md: value at risk on the moment, exposure on the pain, value, confidence, effort and priority of the opportunities', async () => {
        const md = (await copis(workspace({ 'v.copis': VALUED }), 'export', 'v.copis', '--to', 'md')).stdout;
        expect(md).toContain('- **Payment fails** at Payment — first moment, negative, high impact; value at risk: 1,440,000 EUR');
        expect(md).toContain('| Slow payment | Payment | medium | 1,440,000 EUR | One-click retry |');
        expect(md).toContain('| One-click retry | Payment fails, Slow payment |   |   | planned | 1,800,000 EUR | 70% | medium | 630,000 EUR (rank 1 of 1) |');
        expect(md).toContain('| Guess | Payment fails |   |   |   | 1,080,000 EUR | 50% | not given | unknown |');
        expect(md).toContain('What the figures leave out:\n\n- opportunity `Guess` has no `effort`, so its priority is not known\n');
    });
});
