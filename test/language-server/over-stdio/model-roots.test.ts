import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, test } from 'vitest';
import {
    DidChangeWatchedFilesNotification, DidChangeWorkspaceFoldersNotification, FileChangeType
} from 'vscode-languageserver-protocol/node';
import { codesOf, startServerOn, type ClientBehaviour, type StdioServer } from './stdio-server.js';

// The shipped server over stdio: model roots, config files, watched files, workspace folders.

const saas = `customer Admin "Admin" { value medium }
journey SaasOnboarding "Onboarding" {
  customers Admin
  process AnswerTicket "Answer" { owner "Support" }
  stage Use "Use" { category usage
    touchpoint Help "Help" { channel chat  processes AnswerTicket }
  }
}
`;
const retail = `customer Shopper "Shopper" { value medium }
journey Buy "Buy" {
  customers Shopper
  process Ship "Ship" { owner "Warehouse" }
  stage Get "Get" { category delivery
    touchpoint Parcel "Parcel" { channel mail  processes Ship, SaasOnboarding.AnswerTicket }
  }
}
`;

const temps: string[] = [];
const servers: StdioServer[] = [];
afterEach(async () => {
    for (const server of servers.splice(0)) {
        await server.dispose();
        // Nothing went wrong inside (the server logs what it catches on stderr).
        expect(server.stderr()).toBe('');
    }
    for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function folder(files: Record<string, string>): string {
    const dir = mkdtempSync(join(tmpdir(), 'copis-roots-'));
    temps.push(dir);
    for (const [path, text] of Object.entries(files)) write(dir, path, text);
    return dir;
}

function write(dir: string, path: string, text: string): void {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
}

const uri = (dir: string, path: string) => pathToFileURL(join(dir, path)).toString();

async function start(folders: string[], capabilities = {}, env = {}, behaviour: ClientBehaviour = {}): Promise<StdioServer> {
    const server = await startServerOn(folders, capabilities, env, behaviour);
    servers.push(server);
    return server;
}

/** Opens a file of the folder in the editor: the server validates files at startup only once they are open (Langium's default). */
function open(server: StdioServer, dir: string, path: string): Promise<void> {
    return server.open(uri(dir, path), readFileSync(join(dir, path), 'utf8'));
}

const DYNAMIC = { workspace: { didChangeWatchedFiles: { dynamicRegistration: true }, workspaceFolders: true } };
const hasCode = (code: string) => (d: { code?: unknown }[]) => d.some(x => x.code === code);
const lacksCode = (code: string) => (d: { code?: unknown }[]) => !d.some(x => x.code === code);

describe('model roots in the editor', () => {
    test('two roots in one workspace folder never see each other', async () => {
        const dir = folder({
            'retail/copis.config.json': '{}', 'retail/buy.copis': retail,
            'saas/copis.config.json': '{}', 'saas/onboarding.copis': saas
        });
        const server = await start([dir]);
        await open(server, dir, 'retail/buy.copis');
        const diagnostics = await server.diagnostics(uri(dir, 'retail/buy.copis'), hasCode('unresolved-reference'), 'the reference into the other root');
        expect(diagnostics.filter(d => d.code === 'unresolved-reference').map(d => d.message)).toEqual([
            '`SaasOnboarding.AnswerTicket` is not declared: `processes` expects a process; declare it or correct the name.'
        ]);
        // The same files without configs are one model, as before: it resolves.
        const one = folder({ 'retail/buy.copis': retail, 'saas/onboarding.copis': saas });
        const together = await start([one]);
        await open(together, one, 'retail/buy.copis');
        const resolved = await together.diagnostics(uri(one, 'retail/buy.copis'), () => true, 'the workspace file');
        expect(codesOf(resolved)).not.toContain('unresolved-reference');
    });

    test('a workspace folder inside a model root loads that whole root', async () => {
        const dir = folder({
            'copis.config.json': '{ "rules": { "touchpoint-without-process": "error" } }',
            'shared.copis': 'customer Shopper "Shopper" { value medium }\nprocess Ship "Ship" { owner "Warehouse" }\n',
            'journeys/buy.copis': retail.replace(', SaasOnboarding.AnswerTicket', '').replace('customer Shopper "Shopper" { value medium }\n', '').replace('  process Ship "Ship" { owner "Warehouse" }\n', '').replace('processes Ship', '')
        });
        const server = await start([join(dir, 'journeys')]);
        await open(server, dir, 'journeys/buy.copis');
        const diagnostics = await server.diagnostics(uri(dir, 'journeys/buy.copis'), hasCode('touchpoint-without-process'), "the root's rules");
        expect(codesOf(diagnostics)).not.toContain('unresolved-reference'); // Shopper is in ../shared.copis
        expect(diagnostics.filter(d => d.code === 'touchpoint-without-process').map(d => d.severity)).toEqual([1]);
    });

    test('a gitignored copy of the model, node_modules and dot-folders are not loaded (no duplicate-name)', async () => {
        const dir = folder({
            '.gitignore': 'build/\n',
            'copis.config.json': '{ "exclude": ["drafts/**"] }',
            'saas.copis': saas,
            'build/saas.copis': saas,
            'drafts/saas.copis': saas,
            'node_modules/pkg/saas.copis': saas,
            '.cache/saas.copis': saas
        });
        const server = await start([dir]);
        await open(server, dir, 'saas.copis');
        const diagnostics = await server.diagnostics(uri(dir, 'saas.copis'), () => true, 'the model file');
        expect(codesOf(diagnostics)).not.toContain('duplicate-name');
        for (const left of ['build/saas.copis', 'drafts/saas.copis', 'node_modules/pkg/saas.copis', '.cache/saas.copis']) expect(server.published(uri(dir, left)).length, left).toBe(0);
        // Opened anyway, the copy is a model of its own: it collides with nothing.
        await server.open(uri(dir, 'build/saas.copis'), saas);
        const copy = await server.diagnostics(uri(dir, 'build/saas.copis'), () => true, 'the opened copy');
        expect(codesOf(copy)).not.toContain('duplicate-name');
        expect(codesOf(server.latest(uri(dir, 'saas.copis'))!)).not.toContain('duplicate-name');
    });

    test("the root's rules set severities, and suppressions silence, in the editor", async () => {
        const text = saas.replace('    touchpoint Help', '    // copis-disable-next-line touchpoint-without-channel, stage-order -- chat is implied\n    touchpoint Help').replace('channel chat  ', '');
        const dir = folder({
            'copis.config.json': '{ "rules": { "process-without-owner": "error", "unused-declaration": "off", "unused-suppression": "warning" } }',
            'a.copis': text,
            'b.copis': 'process Lonely "Lonely"\n'
        });
        const server = await start([dir]);
        await open(server, dir, 'a.copis');
        await open(server, dir, 'b.copis');
        const b = await server.diagnostics(uri(dir, 'b.copis'), hasCode('process-without-owner'), 'the process without owner');
        expect(b.filter(d => d.code === 'process-without-owner').map(d => d.severity)).toEqual([1]);
        expect(codesOf(b)).not.toContain('unused-declaration');
        const a = await server.diagnostics(uri(dir, 'a.copis'), hasCode('unused-suppression'), 'the suppression that silences nothing');
        expect(codesOf(a)).not.toContain('touchpoint-without-channel');
        expect(a.filter(d => d.code === 'unused-suppression').map(d => [d.severity, d.range.start.line])).toEqual([[2, 5]]);
    });

    test('an invalid config is reported on the config file, with line and column, and the defaults hold', async () => {
        const dir = folder({
            'copis.config.json': '{\n  "rules": { "unused-declaraton": "off" }\n}\n',
            'b.copis': 'system Crm "CRM" { type crm  owner "IT" }\n'
        });
        const server = await start([dir]);
        const config = await server.diagnostics(uri(dir, 'copis.config.json'), d => d.length > 0, 'the config problem');
        expect(config).toEqual([expect.objectContaining({
            code: 'invalid-config', severity: 1,
            range: { start: { line: 1, character: 13 }, end: { line: 1, character: 32 } },
            message: expect.stringContaining('did you mean `unused-declaration`?')
        })]);
        await open(server, dir, 'b.copis');
        await server.diagnostics(uri(dir, 'b.copis'), hasCode('unused-declaration'), 'the default severity of unused-declaration');
    });
});

describe('files changed outside the editor', () => {
    test('with dynamic registration: the server asks for model, config and CSV files only, and follows the startup rules', async () => {
        const dir = folder({ '.gitignore': 'build/\n', 'saas.copis': saas });
        const server = await start([dir], DYNAMIC);
        await open(server, dir, 'saas.copis');
        await server.diagnostics(uri(dir, 'saas.copis'), () => true, 'the startup build');
        const watchers = server.registrations.filter(r => r.method === DidChangeWatchedFilesNotification.method).flatMap(r => (r.registerOptions as { watchers: { globPattern: string }[] }).watchers.map(w => w.globPattern));
        expect(watchers).toEqual(['**/*.copis', '**/copis.config.json', '**/.gitignore', '**/*.csv']);

        write(dir, 'node_modules/x.copis', 'customer Admin "Copy"\n');
        write(dir, 'build/x.copis', 'customer Admin "Copy"\n');
        write(dir, 'more.copis', 'customer Admin "Again"\n');
        await server.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [
            { uri: uri(dir, 'node_modules/x.copis'), type: FileChangeType.Created },
            { uri: uri(dir, 'build/x.copis'), type: FileChangeType.Created },
            { uri: uri(dir, '.#saas.copis'), type: FileChangeType.Created },
            { uri: uri(dir, 'more.copis'), type: FileChangeType.Created }
        ] });
        // more.copis comes first in workspace order: the later declaration, in saas.copis, is the duplicate.
        await server.diagnostics(uri(dir, 'saas.copis'), hasCode('duplicate-name'), 'the duplicate of Admin in the created file');
        await server.diagnostics(uri(dir, 'more.copis'), () => true, 'the created file');
        expect(server.published(uri(dir, 'node_modules/x.copis')).length).toBe(0);
        // The client watches: the server does not watch on its own as well (a file nobody reports stays out).
        write(dir, 'unreported.copis', 'system Unreported "U"\n');
        await new Promise(r => setTimeout(r, 600));
        expect(server.published(uri(dir, 'unreported.copis')).length).toBe(0);
        expect(server.published(uri(dir, 'build/x.copis')).length).toBe(0);

        rmSync(join(dir, 'more.copis'));
        await server.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: uri(dir, 'more.copis'), type: FileChangeType.Deleted }] });
        await server.diagnostics(uri(dir, 'more.copis'), d => d.length === 0, 'the deleted file, cleared');
        await server.diagnostics(uri(dir, 'saas.copis'), lacksCode('duplicate-name'), 'the file that is no longer a duplicate');

        // A config file that appears: its rules apply.
        write(dir, 'copis.config.json', '{ "rules": { "touchpoint-without-process": "off", "journey-without-moments": "error" } }');
        await server.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: uri(dir, 'copis.config.json'), type: FileChangeType.Created }] });
        const configured = await server.diagnostics(uri(dir, 'saas.copis'), d => d.some(x => x.code === 'journey-without-moments' && x.severity === 1), 'the rules of the new config');
        expect(codesOf(configured)).not.toContain('touchpoint-without-process');
    });

    test('a config file that goes wrong is reported on it while the last good rules give way to the defaults; fixed, the report clears', async () => {
        const dir = folder({ 'copis.config.json': '{ "rules": { "unused-declaration": "off" } }', 'b.copis': 'system Crm "CRM" { type crm  owner "IT" }\n' });
        const server = await start([dir], DYNAMIC);
        await open(server, dir, 'b.copis');
        await server.diagnostics(uri(dir, 'b.copis'), lacksCode('unused-declaration'), 'the rule that turns unused-declaration off');
        const change = () => server.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: uri(dir, 'copis.config.json'), type: FileChangeType.Changed }] });
        write(dir, 'copis.config.json', '{ "rules": { "unused-declaration": "off" ');
        await change();
        const problems = await server.diagnostics(uri(dir, 'copis.config.json'), d => d.length > 0, 'the syntax error of the config');
        expect(problems.map(d => [d.code, d.range.start.line])).toEqual([['invalid-config', 0]]);
        await server.diagnostics(uri(dir, 'b.copis'), hasCode('unused-declaration'), 'the defaults, while the config is broken');
        write(dir, 'copis.config.json', '{ "rules": { "unused-declaration": "off" } }');
        await change();
        await server.diagnostics(uri(dir, 'copis.config.json'), d => d.length === 0, 'the report cleared');
        await server.diagnostics(uri(dir, 'b.copis'), lacksCode('unused-declaration'), 'the rule again');
        // The config file goes away: the folder is the model, with the defaults.
        rmSync(join(dir, 'copis.config.json'));
        await server.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: uri(dir, 'copis.config.json'), type: FileChangeType.Deleted }] });
        await server.diagnostics(uri(dir, 'b.copis'), hasCode('unused-declaration'), 'the defaults without a config');
    });

    test('a .gitignore that changes takes out what it now ignores, and lets in what it no longer does', async () => {
        const dir = folder({
            '.git/HEAD': 'ref: refs/heads/main\n', 'saas.copis': saas, 'build/saas.copis': saas,
            'gen/.gitignore': '*.copis\n', 'gen/admin.copis': 'customer Admin "Generated" { value low }\n'
        });
        const server = await start([dir], DYNAMIC);
        await open(server, dir, 'saas.copis');
        const duplicates = (d: { code?: unknown }[]) => d.filter(x => x.code === 'duplicate-name').length;
        const changed = (...changes: [string, FileChangeType][]) => server.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: changes.map(([path, type]) => ({ uri: uri(dir, path), type })) });
        // The build/ copy is loaded at first: every name of saas.copis is declared twice (gen/ ignores its own file).
        const copied = duplicates(await server.diagnostics(uri(dir, 'saas.copis'), d => duplicates(d) > 1, 'the duplicates of the build/ copy'));

        write(dir, '.gitignore', 'build/\n');
        await changed(['.gitignore', FileChangeType.Created]);
        await server.diagnostics(uri(dir, 'saas.copis'), d => duplicates(d) === 0, 'the copy ignored: no duplicates');

        // A nested .gitignore that goes away lets its folder's file in: Admin, declared once more.
        rmSync(join(dir, 'gen/.gitignore'));
        await changed(['gen/.gitignore', FileChangeType.Deleted]);
        await server.diagnostics(uri(dir, 'saas.copis'), d => duplicates(d) === 1, 'gen/admin.copis in the model: Admin twice');

        // Both at once: gen/ ignored again, build/ no longer.
        write(dir, 'gen/.gitignore', '*.copis\n');
        write(dir, '.gitignore', '# nothing ignored here\n');
        await changed(['gen/.gitignore', FileChangeType.Created], ['.gitignore', FileChangeType.Changed]);
        await server.diagnostics(uri(dir, 'saas.copis'), d => duplicates(d) === copied, 'build/ back in the model, gen/ out');
    });

    test('without dynamic registration: a .gitignore written on disk reloads the model too', async () => {
        const dir = folder({ '.git/HEAD': 'ref: refs/heads/main\n', 'saas.copis': saas, 'build/saas.copis': saas });
        const server = await start([dir]);
        await open(server, dir, 'saas.copis');
        await server.diagnostics(uri(dir, 'saas.copis'), hasCode('duplicate-name'), 'the duplicates of the build/ copy');
        write(dir, '.gitignore', 'build/\n');
        await server.diagnostics(uri(dir, 'saas.copis'), lacksCode('duplicate-name'), 'the copy ignored once .gitignore is written');
        rmSync(join(dir, '.gitignore'));
        await server.diagnostics(uri(dir, 'saas.copis'), hasCode('duplicate-name'), 'the copy back once .gitignore is gone');
    });

    test('without dynamic registration (Neovim 0.7): the server watches the model folders itself', async () => {
        const dir = folder({ '.gitignore': 'build/\n', 'saas.copis': saas, 'journeys/x.copis': '' });
        const server = await start([dir]);
        await open(server, dir, 'saas.copis');
        await server.diagnostics(uri(dir, 'saas.copis'), () => true, 'the startup build');
        expect(server.registrations.filter(r => r.method === DidChangeWatchedFilesNotification.method)).toEqual([]);
        write(dir, 'node_modules/x.copis', 'customer Admin "Copy"\n');
        write(dir, 'build/x.copis', 'customer Admin "Copy"\n');
        write(dir, 'journeys/more.copis', 'customer Admin "Again"\n');
        await server.diagnostics(uri(dir, 'saas.copis'), hasCode('duplicate-name'), 'the duplicate of Admin in the file created on disk');
        await server.diagnostics(uri(dir, 'journeys/more.copis'), () => true, 'the file created on disk');
        // A new folder, and a file in it.
        write(dir, 'new/deeper/late.copis', 'system Late "Late"\n');
        await server.diagnostics(uri(dir, 'new/deeper/late.copis'), hasCode('unused-declaration'), 'the file in a new folder');
        expect(server.published(uri(dir, 'node_modules/x.copis')).length).toBe(0);
        expect(server.published(uri(dir, 'build/x.copis')).length).toBe(0);
        // Renamed, then deleted.
        renameSync(join(dir, 'journeys/more.copis'), join(dir, 'journeys/renamed.copis'));
        await server.diagnostics(uri(dir, 'journeys/more.copis'), d => d.length === 0, 'the old name, cleared');
        await server.diagnostics(uri(dir, 'journeys/renamed.copis'), () => true, 'the new name');
        expect(codesOf(server.latest(uri(dir, 'saas.copis'))!)).toContain('duplicate-name');
        rmSync(join(dir, 'journeys/renamed.copis'));
        await server.diagnostics(uri(dir, 'journeys/renamed.copis'), d => d.length === 0, 'the deleted file, cleared');
        await server.diagnostics(uri(dir, 'saas.copis'), lacksCode('duplicate-name'), 'no duplicate any more');
    });

    test('a client that offers dynamic registration and then refuses it (eglot 1.9 outside a git repository): the server stays up and watches the folders itself', async () => {
        const dir = folder({ 'saas.copis': saas });
        const server = await start([dir], DYNAMIC, {}, { refuseRegistrations: true });
        await open(server, dir, 'saas.copis');
        await server.diagnostics(uri(dir, 'saas.copis'), () => true, 'the startup build');
        expect(server.registrations.map(r => r.method)).toContain(DidChangeWatchedFilesNotification.method);
        write(dir, 'journeys/more.copis', 'customer Admin "Again"\n');
        await server.diagnostics(uri(dir, 'saas.copis'), hasCode('duplicate-name'), 'the duplicate of Admin in the file created on disk');
        expect(server.child.exitCode).toBeNull();
    });

    test('without dynamic registration, polling (COPIS_WATCH=poll) sees the same', async () => {
        const dir = folder({ 'saas.copis': saas });
        const server = await start([dir], {}, { COPIS_WATCH: 'poll' });
        await open(server, dir, 'saas.copis');
        await server.diagnostics(uri(dir, 'saas.copis'), () => true, 'the startup build');
        write(dir, 'node_modules/x.copis', 'customer Admin "Copy"\n');
        write(dir, 'more.copis', 'customer Admin "Again"\n');
        await server.diagnostics(uri(dir, 'saas.copis'), hasCode('duplicate-name'), 'the duplicate of Admin in the file created on disk');
        expect(server.published(uri(dir, 'node_modules/x.copis')).length).toBe(0);
        rmSync(join(dir, 'more.copis'));
        await server.diagnostics(uri(dir, 'more.copis'), d => d.length === 0, 'the deleted file, cleared');
        await server.diagnostics(uri(dir, 'saas.copis'), lacksCode('duplicate-name'), 'no duplicate any more');
    });
});

describe('workspace folders added and removed at run time', () => {
    test('an added folder is loaded as a model of its own; a removed one is dropped', async () => {
        const a = folder({ 'saas.copis': saas });
        const b = folder({ 'retail.copis': retail, 'admin.copis': 'customer Admin "Other admin" { value medium }\n' });
        const server = await start([a], DYNAMIC);
        await open(server, a, 'saas.copis');
        await server.diagnostics(uri(a, 'saas.copis'), () => true, 'the first folder');
        expect(server.published(uri(b, 'retail.copis')).length).toBe(0);
        await server.connection.sendNotification(DidChangeWorkspaceFoldersNotification.type, {
            event: { added: [{ uri: pathToFileURL(b).toString(), name: 'b' }], removed: [] }
        });
        const added = await server.diagnostics(uri(b, 'retail.copis'), hasCode('unresolved-reference'), 'the added folder');
        expect(added.filter(d => d.code === 'unresolved-reference').map(d => d.message)).toEqual([expect.stringContaining('`SaasOnboarding.AnswerTicket` is not declared')]);
        // Admin is declared in both folders: no duplicate across them.
        expect(codesOf(server.latest(uri(b, 'admin.copis'))!)).not.toContain('duplicate-name');
        expect(codesOf(server.latest(uri(a, 'saas.copis'))!)).not.toContain('duplicate-name');

        await server.connection.sendNotification(DidChangeWorkspaceFoldersNotification.type, {
            event: { added: [], removed: [{ uri: pathToFileURL(b).toString(), name: 'b' }] }
        });
        await server.diagnostics(uri(b, 'retail.copis'), d => d.length === 0, 'the removed folder, cleared');
        await server.diagnostics(uri(b, 'admin.copis'), d => d.length === 0, 'the removed folder, cleared');
        // Files of the removed folder are no longer watched for.
        write(b, 'late.copis', 'system Late "Late"\n');
        await server.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: uri(b, 'late.copis'), type: FileChangeType.Created }] });
        write(a, 'late.copis', 'system Late "Late"\n');
        await server.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: uri(a, 'late.copis'), type: FileChangeType.Created }] });
        await server.diagnostics(uri(a, 'late.copis'), hasCode('unused-declaration'), 'a file created in the remaining folder');
        expect(server.published(uri(b, 'late.copis')).length).toBe(0);
    });
});
