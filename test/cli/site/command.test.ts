// `copis site` as a command: its usage errors, exit codes and messages; the shipped bundle, which carries the page
// script; and `--serve` from the bundle (what it answers, and to whom).
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startSiteServer } from '../../../src/cli/site/serve.js';
import { BUNDLE, ROOT, bundle, copis, fixture, workspace } from '../helpers.js';
import { attr, elementsOf } from './site-helpers.js';

describe('copis site: usage', () => {
    it('needs -o DIR or --serve, and not both', async () => {
        const dir = workspace({ 'shop.copis': fixture('shop.copis') });
        expect(await copis(dir, 'site')).toEqual({ code: 2, stdout: '', stderr: 'copis: site: name the folder to write the site to with -o DIR (e.g. copis site models/ -o site), or serve it with --serve\n' });
        expect(await copis(dir, 'site', '--serve', '-o', 'x')).toEqual({ code: 2, stdout: '', stderr: 'copis: --serve serves the site from memory and writes nothing; leave -o out, or build the site with copis site -o DIR\n' });
        expect(await copis(dir, 'site', '-o', 'x', '--port', '8080')).toEqual({ code: 2, stdout: '', stderr: 'copis: --port applies to --serve; add --serve, or leave it out\n' });
        expect(await copis(dir, 'site', '-o', 'x', '--host', '0.0.0.0')).toEqual({ code: 2, stdout: '', stderr: 'copis: --host applies to --serve; add --serve, or leave it out\n' });
        const port = await copis(dir, 'site', '--serve', '--port', 'http');
        expect(port.code).toBe(2);
        expect(port.stderr).toContain("option '--port <n>' argument 'http' is invalid. Expected a port number, 0 to 65535 (0: any free port).");
        const date = await copis(dir, 'site', '-o', 's', '--as-of', '2026-02-30');
        expect(date.code).toBe(2);
        expect(date.stderr).toContain('Expected a real date written YYYY-MM-DD');
    });

    it('nothing to load: exit 2, nothing written', async () => {
        const dir = workspace({ 'empty/readme.md': '' });
        const run = await copis(dir, 'site', 'empty', '-o', 'site');
        expect(run).toEqual({ code: 2, stdout: '', stderr: "copis: empty: no .copis files in this folder (node_modules, dot-folders, gitignored files and what copis.config.json excludes are skipped); pass the folder or files that hold your models\ncopis: nothing to load: no .copis file found; pass the files or folders that hold your models (copis site --help)\n" });
    });

    it('a path that cannot be read: the site is written from the rest, exit 1', async () => {
        const dir = workspace({ 'shop.copis': fixture('shop.copis') });
        const run = await copis(dir, 'site', 'shop.copis', 'missing.copis', '-o', 'site');
        expect(run.code).toBe(1);
        expect(run.stderr).toMatch(/^copis: missing\.copis: /);
        expect(run.stdout).toMatch(/^site written: site\/index\.html/);
        expect(readFileSync(join(dir, 'site/index.html'), 'utf8')).toContain('<h1>');
    });

    it('--title names the site; its help says what the site holds and how it is written', async () => {
        const dir = workspace({ 'shop.copis': fixture('shop.copis') });
        expect((await copis(dir, 'site', '-o', 'site', '--title', 'Shop & co')).code).toBe(0);
        expect(readFileSync(join(dir, 'site/index.html'), 'utf8')).toContain('<title>Shop &amp; co</title>');
        const help = await copis(dir, 'site', '--help');
        expect(help.code).toBe(0);
        for (const text of ['-o, --output <dir>', '--serve', '--port <n>', '--as-of <date>', '--title <text>', 'journeys/NAME.html', '.copis-site']) expect(help.stdout).toContain(text);
    });
});

describe('copis site --serve: the port', () => {
    it('a port in use: exit 2, and what to do', async () => {
        const dir = workspace({ 'shop.copis': fixture('shop.copis') });
        const taken = createServer();
        await new Promise<void>(done => taken.listen(0, '127.0.0.1', done));
        try {
            const port = (taken.address() as AddressInfo).port;
            let stderr = '';
            const result = await startSiteServer({ paths: [], port }, { cwd: dir, stdout: () => undefined, stderr: t => { stderr += t; } });
            expect(result).toBe(2);
            expect(stderr).toBe(`copis: port ${port} is in use; pass another with --port N (--port 0 takes any free one)\n`);
        } finally {
            await new Promise(done => taken.close(done));
        }
    });
});

describe('copis site from the shipped bundle', () => {
    it('writes the page script it carries (the one built from src/site-page/)', () => {
        const dir = workspace({ 'shop.copis': fixture('shop.copis') });
        const run = bundle(dir, 'site', '-o', 'site');
        expect(run.code, run.stderr).toBe(0);
        expect(readFileSync(join(dir, 'site/assets/site.js'), 'utf8')).toBe(readFileSync(join(ROOT, 'dist/site.js'), 'utf8'));
    });

    it('--serve: serves the site to its own address only, with connect-src for the reload events; rebuilds on change', async () => {
        const dir = workspace({ 'models/shop.copis': fixture('shop.copis') });
        const child = spawn(process.execPath, [BUNDLE, 'site', 'models', '--serve', '--port', '0'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
        try {
            let out = '';
            child.stdout.on('data', chunk => { out += chunk; });
            await until(() => /serving http:\/\/127\.0\.0\.1:\d+\//.test(out));
            const base = /serving (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out)![1];
            const index = await get(base);
            expect(index.status).toBe(200);
            expect(index.headers['content-type']).toBe('text/html; charset=utf-8');
            expect(index.headers['content-security-policy']).toBe("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'");
            const meta = elementsOf(index.body).find(e => e.tagName === 'meta' && attr(e, 'http-equiv') === 'Content-Security-Policy');
            expect(meta && attr(meta, 'content')).toBe("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'");
            expect(index.body).toContain('data-live="true"');
            expect((await get(`${base}assets/site.js`)).headers['content-type']).toBe('text/javascript; charset=utf-8');
            expect((await get(`${base}nothing.html`)).status).toBe(404);
            expect((await get(`${base}../../etc/passwd`)).status).toBe(404);
            expect((await get(base, { method: 'POST' })).status).toBe(405);
            // A page of another site that reaches this port through a DNS name of its own (DNS rebinding) is refused.
            expect((await get(base, { headers: { host: 'attacker.example' } })).status).toBe(403);
            expect((await get(base, { headers: { host: `localhost:${new URL(base).port}` } })).status).toBe(200);

            // The events: a change to a .copis file is a reload event.
            const events = await openEvents(`${base}__copis/events`);
            writeFileSync(join(dir, 'models/shop.copis'), fixture('shop.copis').replace('journey Buy', '/** Edited. */\njourney Buy'));
            await until(() => events.text.includes('event: reload'));
            expect(events.text).toMatch(/event: reload\ndata: 1\n\n/);
            await until(() => out.includes('rebuilt (1)'));
            events.close();
        } finally {
            child.kill('SIGTERM');
        }
        const code = await new Promise(done => child.once('exit', done));
        expect(code).toBe(0);
    });
});

describe('copis site --serve: what it watches', () => {
    const MODEL = `journey Shop {
  objective Fast { kpi OnTime "On-time rate" { metric percent  current 91%  target >= 97% } }
}
`;
    const csv = (value: string) => `kpi,date,value\nShop.OnTime,2026-11-30,${value}\n`;

    it('rebuilds when an actuals CSV of the model root, its config or an --actuals file elsewhere changes, though only a file of the root is named', async () => {
        const dir = workspace({
            'models/copis.config.json': '{ "actuals": ["data/kpis.csv"] }',
            'models/journeys/shop.copis': MODEL,
            'models/data/kpis.csv': csv('92.5%'),
            'models/data/newer.csv': csv('93.5%'),
            'feeds/extra.csv': 'kpi,date,value\nShop.OnTime,2026-11-01,90.5%\n'
        });
        const child = spawn(process.execPath, [BUNDLE, 'site', 'models/journeys/shop.copis', '--serve', '--port', '0', '--as-of', '2026-12-01', '--actuals', 'feeds/extra.csv'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
        try {
            let out = '';
            let err = '';
            child.stdout.on('data', chunk => { out += chunk; });
            child.stderr.on('data', chunk => { err += chunk; });
            await until(() => /serving http:\/\/127\.0\.0\.1:\d+\//.test(out));
            const base = /serving (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out)![1];
            expect((await get(`${base}kpis.html`)).body).toContain('92.5%');
            const events = await openEvents(`${base}__copis/events`);
            const reloaded = async (n: number) => {
                await until(() => events.text.includes(`event: reload\ndata: ${n}\n\n`));
                return (await get(`${base}kpis.html`)).body;
            };

            // The actuals file the config names, in a folder beside the one the named file is in.
            writeFileSync(join(dir, 'models/data/kpis.csv'), csv('94.5%'));
            expect(await reloaded(1)).toContain('94.5%');
            // The config, above the named file: it now names another file.
            writeFileSync(join(dir, 'models/copis.config.json'), '{ "actuals": ["data/newer.csv"] }');
            expect(await reloaded(2)).toContain('93.5%');
            // A file it names from now on.
            writeFileSync(join(dir, 'models/data/newer.csv'), csv('95.5%'));
            expect(await reloaded(3)).toContain('95.5%');
            // --actuals FILE outside the model's folders: its (earlier) row is in the KPI's measurements.
            writeFileSync(join(dir, 'feeds/extra.csv'), 'kpi,date,value\nShop.OnTime,2026-11-01,96.5%\n');
            expect(await reloaded(4)).toContain('96.5%');
            events.close();
            expect(err).toBe('');
        } finally {
            child.kill('SIGTERM');
        }
        expect(await new Promise(done => child.once('exit', done))).toBe(0);
    });

    it('rebuilds when a copis.config.json appears above the folder named, making it part of a model root with actuals', async () => {
        const dir = workspace({ 'models/shop.copis': MODEL, 'kpis.csv': csv('97.5%') });
        const child = spawn(process.execPath, [BUNDLE, 'site', 'models', '--serve', '--port', '0', '--as-of', '2026-12-01'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
        try {
            let out = '';
            child.stdout.on('data', chunk => { out += chunk; });
            await until(() => /serving http:\/\/127\.0\.0\.1:\d+\//.test(out));
            const base = /serving (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out)![1];
            expect((await get(`${base}kpis.html`)).body).not.toContain('97.5%');
            const events = await openEvents(`${base}__copis/events`);
            writeFileSync(join(dir, 'copis.config.json'), '{ "actuals": ["kpis.csv"] }');
            await until(() => events.text.includes('event: reload\ndata: 1\n\n'));
            expect((await get(`${base}kpis.html`)).body).toContain('97.5%');
            events.close();
        } finally {
            child.kill('SIGTERM');
        }
        expect(await new Promise(done => child.once('exit', done))).toBe(0);
    });
});

async function until(condition: () => boolean, timeout = 15_000): Promise<void> {
    const start = Date.now();
    while (!condition()) {
        if (Date.now() - start > timeout) throw new Error('timed out');
        await new Promise(done => setTimeout(done, 50));
    }
}

function get(url: string, options: { method?: string; headers?: Record<string, string> } = {}): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
    return new Promise((done, fail) => {
        const u = new URL(url);
        // The path as written (no normalising of `..`), as a hand-made request would send it.
        const path = url.slice(u.origin.length);
        const req = request({ host: u.hostname, port: u.port, path, method: options.method ?? 'GET', headers: options.headers }, response => {
            let body = '';
            response.on('data', chunk => { body += chunk; });
            response.on('end', () => done({ status: response.statusCode ?? 0, headers: response.headers, body }));
        });
        req.on('error', fail);
        req.end();
    });
}

function openEvents(url: string): Promise<{ text: string; close(): void }> {
    return new Promise((done, fail) => {
        const u = new URL(url);
        const req = request({ host: u.hostname, port: u.port, path: u.pathname }, response => {
            const events = { text: '', close: () => req.destroy() };
            response.on('data', chunk => { events.text += chunk; });
            response.on('error', () => undefined);
            done(events);
        });
        req.on('error', error => { if ((error as NodeJS.ErrnoException).code !== 'ECONNRESET') fail(error); });
        req.end();
    });
}
