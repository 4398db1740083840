import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import type { ActualsTextParams } from '../../../language-server/protocol.js';
import { CsvTextForwarder, FORWARD_DELAY_MS, isCsvDocument } from '../../../src/extension/actuals/forward-csv.js';

describe('forwarding the text of open CSV files to the server', () => {
    beforeEach(() => { vi.useFakeTimers(); });
    afterEach(() => { vi.useRealTimers(); });

    test('per file, once typing pauses; only the last text of a burst', () => {
        const sent: ActualsTextParams[] = [];
        const forwarder = new CsvTextForwarder(p => sent.push(p));
        forwarder.changed('file:///a.csv', 'kpi\n1');
        vi.advanceTimersByTime(FORWARD_DELAY_MS - 1);
        forwarder.changed('file:///a.csv', 'kpi\n12');
        forwarder.changed('file:///b.csv', 'kpi\nb');
        expect(sent).toEqual([]);
        vi.advanceTimersByTime(FORWARD_DELAY_MS);
        expect(sent).toEqual([{ uri: 'file:///a.csv', text: 'kpi\n12' }, { uri: 'file:///b.csv', text: 'kpi\nb' }]);
    });

    test('closing sends at once, without text, and drops what was pending', () => {
        const sent: ActualsTextParams[] = [];
        const forwarder = new CsvTextForwarder(p => sent.push(p));
        forwarder.changed('file:///a.csv', 'kpi\n1');
        forwarder.closed('file:///a.csv');
        vi.advanceTimersByTime(FORWARD_DELAY_MS * 2);
        expect(sent).toEqual([{ uri: 'file:///a.csv' }]);
    });

    test('a CSV whose first line does not mention `kpi` is not sent; one sent before still is (its broken header is reported)', () => {
        const sent: ActualsTextParams[] = [];
        const forwarder = new CsvTextForwarder(p => sent.push(p));
        forwarder.changed('file:///people.csv', 'name,age\nkpi,1\n');
        forwarder.closed('file:///people.csv');
        forwarder.changed('file:///a.csv', 'KPI,date,value\n');
        vi.advanceTimersByTime(FORWARD_DELAY_MS);
        forwarder.changed('file:///a.csv', 'kp,date,value\n');
        vi.advanceTimersByTime(FORWARD_DELAY_MS);
        expect(sent).toEqual([{ uri: 'file:///a.csv', text: 'KPI,date,value\n' }, { uri: 'file:///a.csv', text: 'kp,date,value\n' }]);
    });

    test('disposed, it sends nothing more', () => {
        const sent: ActualsTextParams[] = [];
        const forwarder = new CsvTextForwarder(p => sent.push(p));
        forwarder.changed('file:///a.csv', 'kpi\n1');
        forwarder.dispose();
        vi.advanceTimersByTime(FORWARD_DELAY_MS * 2);
        expect(sent).toEqual([]);
    });

    test('which documents: CSV files, not a git or output view of them', () => {
        expect(isCsvDocument({ scheme: 'file', path: '/ws/data/KPIS.CSV' })).toBe(true);
        expect(isCsvDocument({ scheme: 'vscode-vfs', path: '/ws/kpis.csv' })).toBe(true);
        expect(isCsvDocument({ scheme: 'git', path: '/ws/kpis.csv' })).toBe(false);
        expect(isCsvDocument({ scheme: 'file', path: '/ws/model.copis' })).toBe(false);
    });
});
