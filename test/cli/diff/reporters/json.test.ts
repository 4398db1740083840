import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { formatDiffJson } from '../../../../src/cli/diff/reporters/json.js';
import { ROOT } from '../../helpers.js';
import { BUY, SHARED, diffOf, edit, reportOf } from '../models.js';

const schema = JSON.parse(readFileSync(join(ROOT, 'docs', 'diff.schema.json'), 'utf8'));
const validate = new Ajv2020({ allErrors: true, strict: true }).compile(schema);

describe('copis diff --format json', () => {
    it('matches docs/diff.schema.json for a change of every kind', async () => {
        const buy = edit(BUY,
            ['journey Buy "Buy online"', 'journey BuyOnline "Buy online"'],
            ['emotion -1', 'emotion 1'],
            ['current 98%', 'current 90%'],
            ['touchpoint Parcel "Parcel', 'touchpoint Doorstep "Parcel'], ['at Parcel', 'at Doorstep'],
            ['    touchpoint Confirm "Confirmation e-mail" { channel email  processes Notify  emotion 1 }\n', ''],
            ['  stage Receive "Delivery" { category delivery\n', '  stage Receive "Delivery" { category delivery\n    touchpoint Confirm "Confirmation e-mail" { channel email  processes Notify  emotion 1 }\n'],
            ['severity high', 'severity low'],
            ['  opportunity OneClick', '  /** New. */\n  opportunity OneClick'],
            ['customers Shopper, Gifter', 'customers Shopper']);
        const head = {
            'shared.copis': edit(SHARED, ['clv 300 EUR', 'clv 320 EUR'], ['system Oms "Order management" { type erp  owner "IT" }\n', '']) + 'system Crm "CRM" { type crm  owner "Sales" }\n',
            'buy.copis': buy,
            'again.copis': 'journey Again "Buy again" {\n  customers Shopper\n  stage Back "Come back" { category retention\n    touchpoint Mail "Newsletter" { channel email  processes Notify  emotion 1 }\n  }\n}\n',
            'broken.copis': 'system Broken { owner }\n'
        };
        const json = JSON.parse(formatDiffJson(reportOf(await diffOf({ 'shared.copis': SHARED, 'buy.copis': BUY, 'broken.copis': 'system Broken { owner "x" }\n' }, head))));
        expect(validate(json), JSON.stringify(validate.errors, null, 2)).toBe(true);
        expect(Object.keys(json)).toEqual(['version', 'tool', 'base', 'head', 'asOf', 'summary', 'journeys', 'elements', 'diagnostics', 'notCompared']);
        expect(json.version).toBe(1);
        expect(json.journeys.map((j: { change: string; id: string }) => `${j.change} ${j.id}`)).toEqual(['added Again', 'renamed BuyOnline']);
        const changes = new Set(json.journeys.flatMap((j: { elements: { change: string }[] }) => j.elements.map(e => e.change)));
        expect([...changes].sort()).toEqual(['changed', 'moved', 'renamed']);
        expect(json.elements.map((e: { change: string; id: string }) => `${e.change} ${e.id}`)).toEqual(['changed Gifter', 'added Crm', 'removed Oms', 'changed Order']);
        expect(json.elements[3].properties).toEqual([{ property: 'source', from: ['Oms'] }]);
        expect(json.notCompared).toEqual([expect.objectContaining({ revision: 'head', file: 'broken.copis', declarations: ['Broken'] })]);
        expect(json.diagnostics.introduced.length).toBeGreaterThan(0);
    });

    it('rejects what the schema does not list: it is closed', () => {
        expect(validate({ version: 1, tool: { name: 'copis', version: 'x' }, base: { label: 'a', files: 0, actuals: 0 }, head: { label: 'b', files: 0, actuals: 0 }, asOf: '2026-12-01',
            summary: { journeys: { added: 0, removed: 0, renamed: 0, changed: 0 }, elements: { added: 0, removed: 0, renamed: 0, moved: 0, changed: 0 }, kpis: { nowMissed: 0, nowMet: 0, actualChanged: 0 }, valueAtRisk: { changed: 0 },
                diagnostics: { introduced: { errors: 0, warnings: 0, information: 0 }, fixed: { errors: 0, warnings: 0, information: 0 } }, notCompared: 0 },
            journeys: [], elements: [], diagnostics: { introduced: [], fixed: [] }, notCompared: [] })).toBe(true);
        expect(validate({ version: 1, extra: true })).toBe(false);
    });
});
