import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { DidChangeWatchedFilesNotification, FileChangeType, HoverRequest, type Diagnostic } from 'vscode-languageserver-protocol/node';
import { startServer, type StdioServer } from './stdio-server.js';

// The shipped server over stdio: the KPI actuals the config names are read before the build that
// validates the KPIs (at startup, and after a config change), so that no diagnostics computed
// without them are ever published.

const MODEL = `journey Shop "Shop" {
  objective Fast "Fast" {
    kpi OnTime { metric percent  current 72%  target >= 90% }
    kpi Nps { metric percent  current 95%  target >= 90% }
  }
}
`;

/** Yesterday (the server judges staleness against today). */
const date = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
// OnTime is off target by its `current` and met by its actual; Nps the other way round.
const CSV = `kpi,date,value\nShop.OnTime,${date},92.5%\nShop.Nps,${date},60%\n`;
const WITH_ACTUALS = '{ "actuals": ["kpis.csv"] }';
const DYNAMIC = { workspace: { didChangeWatchedFiles: { dynamicRegistration: true } } };

const servers: StdioServer[] = [];
afterEach(async () => {
    for (const server of servers.splice(0)) {
        await server.dispose();
        expect(server.stderr()).toBe('');
    }
});

async function start(config: string): Promise<StdioServer> {
    const server = await startServer({ 'copis.config.json': config, 'shop.copis': MODEL, 'kpis.csv': CSV }, DYNAMIC);
    servers.push(server);
    // An editor opens the file right away (Langium publishes the diagnostics of open documents).
    await server.open(server.uri('shop.copis'), MODEL);
    return server;
}

const text = (d: Diagnostic) => typeof d.message === 'string' ? d.message : d.message.value;
/** The messages of the `kpi-off-target` diagnostics about `kpi`. */
const offTarget = (diagnostics: Diagnostic[], kpi: string) => diagnostics.filter(d => d.code === 'kpi-off-target').map(text).filter(m => m.includes(`\`${kpi}\``));

/** What the diagnostics say when they judge both KPIs by the actuals of kpis.csv; empty when they do. */
function notByActuals(diagnostics: Diagnostic[]): string[] {
    const wrong: string[] = [];
    wrong.push(...offTarget(diagnostics, 'OnTime'));
    const nps = offTarget(diagnostics, 'Nps');
    if (nps.length !== 1 || !nps[0].includes(`actual 60% on ${date} (kpis.csv)`)) wrong.push(`Nps: ${JSON.stringify(nps)}`);
    return wrong;
}
const byActuals = (diagnostics: Diagnostic[]) => notByActuals(diagnostics).length === 0;

/** Every publish for the file so far that did not judge the KPIs by their actuals. */
function wrongPublishes(server: StdioServer, from = 0): string[][] {
    return server.published(server.uri('shop.copis')).slice(from).map(notByActuals).filter(w => w.length > 0);
}

/** A request the server answers after the builds queued before it: no publish of theirs is still to come. */
async function settled(server: StdioServer): Promise<string> {
    const hover = await server.connection.sendRequest(HoverRequest.type, {
        textDocument: { uri: server.uri('shop.copis') }, position: { line: 2, character: 9 }
    });
    return JSON.stringify(hover?.contents ?? '');
}

describe('KPI actuals before the first diagnostics', () => {
    test('at startup, every publish judges the KPIs by the actuals (8 fresh servers)', async () => {
        const failures: string[] = [];
        for (let run = 0; run < 8; run++) {
            const server = await start(WITH_ACTUALS);
            await server.diagnostics(server.uri('shop.copis'), byActuals, 'the KPIs judged by their actuals');
            expect(await settled(server)).toContain('92.5%');
            const wrong = wrongPublishes(server);
            if (wrong.length > 0) failures.push(`run ${run + 1}: ${JSON.stringify(wrong)}`);
            await server.dispose();
            expect(server.stderr()).toBe('');
            servers.splice(servers.indexOf(server), 1);
        }
        expect(failures).toEqual([]);
    }, 120_000);

    test('after the config starts naming the actuals, the re-validation it causes already reads them', async () => {
        const server = await start('{}');
        const uri = server.uri('shop.copis');
        const before = await server.diagnostics(uri, d => offTarget(d, 'OnTime').length === 1, 'OnTime off target by its `current`');
        expect(offTarget(before, 'OnTime')[0]).toContain('current 72%');
        await settled(server);
        const from = server.published(uri).length;
        writeFileSync(join(server.dir, 'copis.config.json'), WITH_ACTUALS);
        await server.connection.sendNotification(DidChangeWatchedFilesNotification.type, {
            changes: [{ uri: server.uri('copis.config.json'), type: FileChangeType.Changed }]
        });
        await server.diagnostics(uri, d => byActuals(d) && server.published(uri).length > from, 'the KPIs judged by their actuals');
        await settled(server);
        expect(wrongPublishes(server, from)).toEqual([]);
    });
});
