import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import type { ActualsTextParams } from '../../../language-server/protocol.js';
import { CsvTextForwarder, FORWARD_DELAY_MS, isCsvDocument } from '../../../src/extension/actuals/forward-csv.js';

/** A forwarder whose server named `actuals` as its actuals files, and the documents open with unsaved text. */
function forwarder(actuals: string[] = ['file:///a.csv', 'file:///b.csv'], unsaved: Record<string, string> = {}) {
    const sent: ActualsTextParams[] = [];
    const forwarder = new CsvTextForwarder(p => sent.push(p), uri => unsaved[uri]);
    forwarder.setActualsFiles(actuals);
    return { forwarder, sent, unsaved };
}

describe('forwarding the text of open CSV files of actuals to the server', () => {
    beforeEach(() => { vi.useFakeTimers(); });
    afterEach(() => { vi.useRealTimers(); });

    test('per file, once typing pauses; only the last text of a burst', () => {
        const { forwarder: f, sent } = forwarder();
        f.changed('file:///a.csv', 'kpi\n1');
        vi.advanceTimersByTime(FORWARD_DELAY_MS - 1);
        f.changed('file:///a.csv', 'kpi\n12');
        f.changed('file:///b.csv', 'kpi\nb');
        expect(sent).toEqual([]);
        vi.advanceTimersByTime(FORWARD_DELAY_MS);
        expect(sent).toEqual([{ uri: 'file:///a.csv', text: 'kpi\n12' }, { uri: 'file:///b.csv', text: 'kpi\nb' }]);
    });

    test('closing sends at once, without text, what was sent; what was only pending is dropped', () => {
        const { forwarder: f, sent } = forwarder();
        f.changed('file:///a.csv', 'kpi\n1');
        vi.advanceTimersByTime(FORWARD_DELAY_MS);
        f.changed('file:///b.csv', 'kpi\n1');
        f.closed('file:///a.csv');
        f.closed('file:///b.csv');
        vi.advanceTimersByTime(FORWARD_DELAY_MS * 2);
        expect(sent).toEqual([{ uri: 'file:///a.csv', text: 'kpi\n1' }, { uri: 'file:///a.csv' }]);
    });

    test('a CSV file the server did not name is never sent, whatever its header; one it names is, whatever its header', () => {
        const { forwarder: f, sent } = forwarder(['file:///data/kpis.csv']);
        f.changed('file:///people.csv', 'kpi,date,value\nShop.Nps,2026-11-30,1\n');
        f.changed('file:///data/kpis.csv', 'date;value\n');
        vi.advanceTimersByTime(FORWARD_DELAY_MS);
        f.closed('file:///people.csv');
        expect(sent).toEqual([{ uri: 'file:///data/kpis.csv', text: 'date;value\n' }]);
    });

    test('before the server names any file, nothing is sent', () => {
        const sent: ActualsTextParams[] = [];
        const f = new CsvTextForwarder(p => sent.push(p));
        f.changed('file:///a.csv', 'kpi,date,value\n');
        vi.advanceTimersByTime(FORWARD_DELAY_MS);
        expect(sent).toEqual([]);
    });

    test('a file that becomes an actuals file while open: its unsaved text is sent at once; a saved one is not (the server read it)', () => {
        const { forwarder: f, sent } = forwarder([], { 'file:///new.csv': 'kpi,date,value\nShop.Nps,2026-11-30,31\n' });
        f.changed('file:///new.csv', 'kpi,date,value\nShop.Nps,2026-11-30,31\n');
        f.changed('file:///saved.csv', 'kpi,date,value\n');
        vi.advanceTimersByTime(FORWARD_DELAY_MS);
        expect(sent).toEqual([]);
        f.setActualsFiles(['file:///new.csv', 'file:///saved.csv']);
        expect(sent).toEqual([{ uri: 'file:///new.csv', text: 'kpi,date,value\nShop.Nps,2026-11-30,31\n' }]);
        // Named again (the set changed elsewhere): not sent again.
        f.setActualsFiles(['file:///new.csv', 'file:///saved.csv', 'file:///other.csv']);
        expect(sent).toHaveLength(1);
    });

    test('a file that is no longer an actuals file (the config changed): let go, its text no longer counts, its edits not sent', () => {
        const { forwarder: f, sent } = forwarder();
        f.changed('file:///a.csv', 'kpi\n1');
        vi.advanceTimersByTime(FORWARD_DELAY_MS);
        f.changed('file:///b.csv', 'kpi\n2');
        f.setActualsFiles([]);
        vi.advanceTimersByTime(FORWARD_DELAY_MS);
        f.changed('file:///a.csv', 'kpi\n3');
        vi.advanceTimersByTime(FORWARD_DELAY_MS);
        f.closed('file:///a.csv');
        expect(sent).toEqual([{ uri: 'file:///a.csv', text: 'kpi\n1' }, { uri: 'file:///a.csv' }]);
    });

    test('a restarted server: nothing pending is sent, nothing is closed, and its own list of files counts', () => {
        const { forwarder: f, sent, unsaved } = forwarder();
        f.changed('file:///a.csv', 'kpi\n1');
        vi.advanceTimersByTime(FORWARD_DELAY_MS);
        f.changed('file:///b.csv', 'kpi\n2');
        f.restarted();
        vi.advanceTimersByTime(FORWARD_DELAY_MS);
        f.closed('file:///a.csv');
        expect(sent).toEqual([{ uri: 'file:///a.csv', text: 'kpi\n1' }]);
        unsaved['file:///b.csv'] = 'kpi\n2';
        f.setActualsFiles(['file:///b.csv']);
        expect(sent.at(-1)).toEqual({ uri: 'file:///b.csv', text: 'kpi\n2' });
    });

    test('disposed, it sends nothing more', () => {
        const { forwarder: f, sent } = forwarder();
        f.changed('file:///a.csv', 'kpi\n1');
        f.dispose();
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
