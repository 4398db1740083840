import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'parse5';
import { describe, expect, it } from 'vitest';
import { renderStandaloneSvg, revealStyle } from '../../../../language-server/diagram/index.js';
import { STACK_TRACE, copis } from '../../helpers.js';
import { htmlElements, textContent } from '../../html-tree.js';
import { parseXml, xmlElements } from '../../xml-tree.js';
import { repository, write } from '../git-repo.js';
import { BUY, SHARED, edit, workspaceModel } from '../models.js';

const model = { 'models/shared.copis': SHARED, 'models/buy.copis': BUY };
const OTHER = 'journey Again "Buy again" {\n  customers Shopper\n  stage Back "Come back" { category retention\n    touchpoint Mail "Newsletter" { channel email  processes Notify  emotion 1 }\n  }\n}\n';

/** A repository whose working tree adds, changes and removes one touchpoint each. */
function changed(): string {
    const dir = repository({ ...model, 'models/again.copis': OTHER });
    write(dir, {
        'models/buy.copis': edit(BUY,
            ['    touchpoint Confirm "Confirmation e-mail" { channel email  processes Notify  emotion 1 }\n', ''],
            ['emotion -1', 'emotion 0'],
            ['touchpoint Parcel "Parcel at the door" { channel mail  processes Ship  emotion 2 }', 'touchpoint Parcel "Parcel at the door" { channel mail  processes Ship  emotion 2 }\n    touchpoint Survey "Delivery survey" { channel email  processes Ship  emotion 1 }']),
        'models/again.copis': OTHER.replace('emotion 1', 'emotion 2')
    });
    return dir;
}

const marked = (root: ReturnType<typeof parseXml>) => Object.fromEntries(xmlElements(root).filter(e => e.attributes['data-mark'] && e.attributes['data-kind'] !== 'emotion').map(e => [e.attributes['data-id'], e.attributes['data-mark']]));

describe('copis diff --to svg|html', () => {
    it('draws the first journey that changed, its changes marked and the removed touchpoint as a ghost, with a legend', async () => {
        const dir = changed();
        const run = await copis(dir, 'diff', 'HEAD', '--to', 'svg');
        expect(run.code).toBe(0);
        expect(run.stderr).toBe('copis: 2 journeys changed; this draws Again; choose another with --journey NAME (Again, Buy)\n');
        const root = parseXml(run.stdout);
        expect(root.name).toBe('svg');
        expect(marked(root)).toEqual({ 'Again.Mail': 'changed' });
        expect(run.stdout).toContain('>Changes since BASE:</text>');
    });

    it('--journey picks one; the ghost is where it was (after Checkout in Purchase) and faded', async () => {
        const dir = changed();
        const run = await copis(dir, 'diff', 'HEAD', '--to', 'svg', '--journey', 'Buy');
        expect(run.stderr).toBe('');
        const root = parseXml(run.stdout);
        expect(marked(root)).toEqual({ 'Buy.Checkout': 'changed', 'Buy.Confirm': 'removed', 'Buy.Survey': 'added' });
        const card = (id: string) => xmlElements(root).find(e => e.attributes['data-id'] === id && e.attributes['data-kind'] === 'touchpoint')!;
        const x = (id: string) => Number(card(id).children.find(c => c.name === 'rect')!.attributes.x);
        expect(x('Buy.Checkout')).toBeLessThan(x('Buy.Confirm'));
        expect(x('Buy.Confirm')).toBeLessThan(x('Buy.Parcel'));
        expect(card('Buy.Confirm').attributes.opacity).toBe('0.45');
        expect(xmlElements(card('Buy.Survey')).map(e => e.text)).toContain('NEW');
        // The same renderer as export: without marks and ghosts the picture is HEAD's journey, byte for byte.
        const head = await workspaceModel({ 'shared.copis': readFileSync(join(dir, 'models/shared.copis'), 'utf8'), 'buy.copis': readFileSync(join(dir, 'models/buy.copis'), 'utf8') });
        const ids = (svg: ReturnType<typeof parseXml>) => new Set(xmlElements(svg).map(e => e.attributes['data-id']).filter(Boolean));
        const plain = ids(parseXml(renderStandaloneSvg(head.journeys[0], { view: 'journey' })));
        expect(plain.has('Buy.Confirm')).toBe(false);
        expect([...ids(root)].sort()).toEqual([...plain, 'Buy.Confirm'].sort());
    });

    it('marks HEAD\'s errors as copis export does (the banner, the element), never on a ghost from BASE', async () => {
        const dir = repository(model);
        // The working tree puts another touchpoint, with an error (an unknown process), on the line of one it removes:
        // the error lies inside the removed one's range at BASE, and that one's line is shorter.
        write(dir, { 'models/buy.copis': edit(BUY,
            ['    touchpoint Confirm "Confirmation e-mail" { channel email  processes Notify  emotion 1 }', '    touchpoint Survey "Delivery survey by e-mail" { channel email  processes Notifyy  emotion 1 }']) });
        const run = await copis(dir, 'diff', 'HEAD', '--to', 'svg', '--journey', 'Buy');
        expect(run.stderr).toBe('');
        const root = parseXml(run.stdout);
        expect(marked(root)).toMatchObject({ 'Buy.Confirm': 'removed', 'Buy.Survey': 'added' });
        const flagged = xmlElements(root).filter(e => e.attributes['data-problem'] === 'error').map(e => e.attributes['data-id']);
        expect(flagged).toEqual(['Buy.Survey']);
        expect(run.stdout).toContain('The model has 1 error.');
        const exported = await copis(dir, 'export', 'models/buy.copis', '--to', 'svg');
        expect(xmlElements(parseXml(exported.stdout)).filter(e => e.attributes['data-problem'] === 'error').map(e => e.attributes['data-id'])).toEqual(['Buy.Survey']);
    });

    it('--to html: a standalone page with the picture and the changes, no script, the strict policy', async () => {
        const dir = changed();
        const run = await copis(dir, 'diff', 'HEAD', '--to', 'html', '--journey', 'Buy', '-o', 'out/buy-diff.html');
        expect(run).toMatchObject({ code: 0, stdout: 'written: out/buy-diff.html\n', stderr: '' });
        const html = readFileSync(join(dir, 'out/buy-diff.html'), 'utf8');
        const errors: string[] = [];
        const elements = htmlElements(parse(html, { onParseError: e => errors.push(e.code) }));
        expect(errors).toEqual([]);
        expect(elements.filter(e => e.tagName === 'script')).toEqual([]);
        const csp = elements.find(e => e.tagName === 'meta' && e.attrs.some(a => a.value === 'Content-Security-Policy'))!;
        expect(csp.attrs.find(a => a.name === 'content')!.value).toBe("default-src 'none'; style-src 'unsafe-inline'; img-src data:");
        const rows = elements.filter(e => e.tagName === 'tr' && e.attrs.some(a => a.name === 'data-id'))
            .map(tr => htmlElements(tr).filter(e => e.tagName === 'td').map(td => textContent(td).replace(/\s+/g, ' ').trim()));
        expect(rows).toEqual([
            ['changed', 'touchpoint Checkout Checkout', 'emotion: -1 → 0'],
            ['removed', 'touchpoint Confirm Confirmation e-mail', 'was in stage Purchase'],
            ['added', 'touchpoint Survey Delivery survey', 'in stage Receive']
        ]);
        expect(elements.filter(e => e.tagName === 'svg')).toHaveLength(1);
        // one style sheet, the page's, with the rules that show a recovery badge's link (the SVG inside holds none)
        const styles = elements.filter(e => e.tagName === 'style').map(textContent);
        expect(styles).toHaveLength(1);
        expect(styles[0]).toContain(revealStyle('resolved'));
    });

    it('draws a removed journey as a ghost when named', async () => {
        const dir = repository({ ...model, 'models/again.copis': OTHER });
        write(dir, { 'models/again.copis': null });
        const run = await copis(dir, 'diff', 'HEAD', '--to', 'svg', '--journey', 'Again');
        expect(run.code).toBe(0);
        expect(marked(parseXml(run.stdout))).toEqual({ Again: 'removed', 'Again.Back': 'removed', 'Again.Mail': 'removed' });
    });

    it('exits 2 for an unknown --journey (with a suggestion), and for --journey or -o without --to', async () => {
        const dir = changed();
        const unknown = await copis(dir, 'diff', 'HEAD', '--to', 'svg', '--journey', 'Buyy');
        expect(unknown).toEqual({ code: 2, stdout: '', stderr: 'copis: --journey Buyy: no such journey at either revision (did you mean Buy?); the journeys: Again, Buy\n' });
        const alone = await copis(dir, 'diff', 'HEAD', '--journey', 'Buy');
        expect(alone.code).toBe(2);
        expect(alone.stderr).toBe('copis: --journey goes with --to svg or --to html (the marked journey); leave it out, or add --to\n');
        const model = await copis(dir, 'diff', 'HEAD', '--to', 'svg', '-o', 'models/x.copis');
        expect(model.code).toBe(2);
        expect(model.stderr).toMatch(/would overwrite a \.copis file/);
        expect(model.stderr).not.toMatch(STACK_TRACE);
    });
});
