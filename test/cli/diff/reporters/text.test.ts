import { describe, expect, it } from 'vitest';
import { formatDiffText, terminalSafe } from '../../../../src/cli/diff/reporters/text.js';
import { BUY, SHARED, diffOf, edit, reportOf } from '../models.js';

const base = { 'shared.copis': SHARED, 'buy.copis': BUY };
const withBuy = (buy: string) => ({ 'shared.copis': SHARED, 'buy.copis': buy });
// eslint-disable-next-line no-control-regex
const ESC = /\u001b/;

describe('copis diff --format text', () => {
    it('lists each change under its journey, properties from what to what, then diagnostics and a summary', async () => {
        const head = edit(BUY,
            ['channel web  processes Pay  information Order  emotion -1', 'channel mobile  processes Pay  information Order  emotion 1'],
            ['current 98%  target >= 97%', 'current 95%  target >= 97%'],
            ['touchpoint Parcel "Parcel', 'touchpoint Doorstep "Parcel'], ['at Parcel', 'at Doorstep'],
            ['  pain SlowPay "Payment is slow" { at Checkout  severity high }\n', ''], ['addresses SlowPay  improves', 'addresses Arrives  improves']);
        const text = formatDiffText(reportOf(await diffOf(base, withBuy(head))), { colour: false });
        expect(text.split('\n')).toEqual([
            'copis diff main (aaaaaaaa) → working tree: 2 files → 2 files',
            '',
            'Journey Buy "Buy online": changed',
            '  ~ changed  kpi OnTime "On-time rate" (KPI met → missed)',
            '      current: 98% → 95%',
            '  ~ changed  touchpoint Checkout "Checkout"',
            '      channel: web → mobile',
            '      emotion: -1 → 1',
            '  = renamed  touchpoint Doorstep "Parcel at the door" (renamed from Parcel)',
            '  - removed  pain SlowPay "Payment is slow"',
            '  ~ changed  opportunity OneClick "One-click payment"',
            '      addresses: SlowPay → Arrives',
            '',
            'Diagnostics: 1 introduced, 0 fixed',
            expect.stringMatching(/^ {2}\+ buy\.copis:\d+:\d+ {2}information {2}KPI `OnTime` is off target.* {2}kpi-off-target \[Buy\.OnTime\]$/),
            '',
            'Summary: 1 journey changed; declarations: 1 removed, 1 renamed, 3 changed; 1 KPI now missed; 1 problem introduced (1 information).',
            ''
        ]);
        expect(text).not.toMatch(ESC);
    });

    it('shows a title beside its name as every view labels it: trimmed, and none when it is blank', async () => {
        const head = edit(BUY, ['journey Buy "Buy online"', 'journey Buy "  Buy online  "'], ['touchpoint Checkout "Checkout"', 'touchpoint Checkout "   "']);
        const lines = formatDiffText(reportOf(await diffOf(base, withBuy(head))), { colour: false }).split('\n');
        expect(lines).toContain('Journey Buy "Buy online": changed');
        expect(lines).toContain('  ~ changed  touchpoint Checkout');
    });

    it('colours only when asked: added green, removed red, changed yellow', async () => {
        const head = edit(BUY, ['emotion -1', 'emotion 1'], ['  pain SlowPay "Payment is slow" { at Checkout  severity high }\n', ''],
            ['touchpoint Parcel "Parcel at the door" { channel mail  processes Ship  emotion 2 }', 'touchpoint Parcel "Parcel at the door" { channel mail  processes Ship  emotion 2 }\n    touchpoint Survey "Survey" { channel email  processes Ship  emotion 0 }'],
            ['addresses SlowPay  improves', 'addresses Arrives  improves']);
        const report = reportOf(await diffOf(base, withBuy(head)));
        const coloured = formatDiffText(report, { colour: true });
        expect(coloured).toMatch(/^\u001b\[33m {2}~ changed {2}touchpoint Checkout "Checkout"\u001b\[0m$/m);
        expect(coloured).toMatch(/^\u001b\[32m {2}\+ added {4}touchpoint Survey "Survey" \(in stage Receive\)\u001b\[0m$/m);
        expect(coloured).toMatch(/^\u001b\[31m {2}- removed {2}pain SlowPay "Payment is slow"\u001b\[0m$/m);
        // Without the colour codes it is the plain report.
        // eslint-disable-next-line no-control-regex
        expect(coloured.replace(/\u001b\[\d+m/g, '')).toBe(formatDiffText(report, { colour: false }));
    });

    it('shows control and bidi characters from a model as escapes, never as what they do', async () => {
        const head = edit(BUY, ['touchpoint Checkout "Checkout"', 'touchpoint Checkout "Pay\u001b[2J\u001b]0;pwned\u0007 \u202Eevil\u202C \u0085 here"']);
        const text = formatDiffText(reportOf(await diffOf(base, withBuy(head))), { colour: true });
        expect(text).toContain('title: Checkout → Pay\\u{001B}[2J\\u{001B}]0;pwned\\u{0007} \\u{202E}evil\\u{202C} \\u{0085} here');
        // The only escape sequences are the report's own colours.
        // eslint-disable-next-line no-control-regex
        expect(text.replace(/\u001b\[\d+m/g, '')).not.toMatch(/[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/);
    });

    it('terminalSafe keeps ordinary text, line breaks excepted, as it is', () => {
        expect(terminalSafe('Café — 😀 “quoted” 日本')).toBe('Café — 😀 “quoted” 日本');
        expect(terminalSafe('a\nb\tc')).toBe('a\\u{000A}b\\u{0009}c');
        expect(terminalSafe('lone \uD800 half')).toBe('lone \uFFFD half');
    });

    it('says "No changes in meaning." when nothing changed', async () => {
        const text = formatDiffText(reportOf(await diffOf(base, base)), { colour: false });
        expect(text).toBe('copis diff main (aaaaaaaa) → working tree: 2 files → 2 files\n\nNo changes in meaning.\n');
    });

    it('says what a moment\'s value at risk went from and to, and counts it in the summary', async () => {
        const shared = edit(SHARED, ['clv 1450 EUR }', 'clv 1450 EUR  count 100 }']);
        const buy = edit(BUY, ['  pain SlowPay', '  moment Abandon { at Checkout  kind first  polarity negative  impact high }\n  pain SlowPay'],
            ['addresses SlowPay  improves', 'addresses SlowPay, Abandon  improves']);
        const head = { 'shared.copis': edit(shared, ['count 100', 'count 250']), 'buy.copis': buy };
        const text = formatDiffText(reportOf(await diffOf({ 'shared.copis': shared, 'buy.copis': buy }, head)), { colour: false });
        expect(text).toContain('  ~ changed  moment Abandon (value at risk: 145,000 EUR → 362,500 EUR)\n');
        expect(text).toContain('value at risk changed at 1 moment of truth');
    });
});
