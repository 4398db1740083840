// Where `copis site -o DIR` may write, and that it loses nothing: a new, empty or previous-site folder is
// (re)written whole; any other folder is refused and left exactly as it was; no temporary folder stays behind.
import { chmodSync, existsSync, mkdirSync, readFileSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MANIFEST, writeSite } from '../../../src/cli/site/write-site.js';
import { bundleUnprivileged, copis, fixture, handOver, snapshot, workspace } from '../helpers.js';
import { filesIn } from './site-helpers.js';

const model = () => ({ 'models/shop.copis': fixture('shop.copis') });

/** What is left beside the output: no `.NAME.copis-*` temporary or old folder. */
function leftovers(parent: string): string[] {
    return readdirSync(parent).filter(name => /\.copis-/.test(name));
}

describe('copis site -o DIR', () => {
    it('creates DIR (and the folders on the way), with the manifest of what it wrote', async () => {
        const dir = workspace(model());
        const run = await copis(dir, 'site', 'models', '-o', 'out/site');
        expect(run.code, run.stderr).toBe(0);
        expect(run.stdout).toMatch(/^site written: out\/site\/index\.html \(/);
        const files = filesIn(join(dir, 'out/site'));
        expect(files).toContain('index.html');
        const manifest = JSON.parse(readFileSync(join(dir, 'out/site', MANIFEST), 'utf8')) as { files: string[] };
        expect([...manifest.files, MANIFEST].sort()).toEqual(files);
        expect(leftovers(join(dir, 'out'))).toEqual([]);
        // Readable by a web server: the folder and its files get the usual modes (umask), not a temporary folder's 0700.
        expect(statSync(join(dir, 'out/site')).mode & 0o777).toBe(0o777 & ~process.umask());
    });

    it('writes into an empty folder, keeping its mode', async () => {
        const dir = workspace(model());
        mkdirSync(join(dir, 'site'));
        chmodSync(join(dir, 'site'), 0o750);
        const run = await copis(dir, 'site', 'models', '-o', 'site');
        expect(run.code, run.stderr).toBe(0);
        expect(existsSync(join(dir, 'site/index.html'))).toBe(true);
        expect(statSync(join(dir, 'site')).mode & 0o777).toBe(0o750);
        expect(leftovers(dir)).toEqual([]);
    });

    it('replaces a site it wrote before: the pages that are gone are removed, the rest rewritten', async () => {
        const dir = workspace({
            'models/shop.copis': fixture('shop.copis'),
            'models/extra.copis': 'journey Extra "Extra" { customers Buyer\n  stage S { category awareness touchpoint T { channel web } } }\n'
        });
        expect((await copis(dir, 'site', 'models', '-o', 'site')).code).toBe(0);
        expect(existsSync(join(dir, 'site/journeys/Extra.html'))).toBe(true);
        writeFileSync(join(dir, 'models/extra.copis'), '');
        const run = await copis(dir, 'site', 'models', '-o', 'site');
        expect(run.code, run.stderr).toBe(0);
        expect(existsSync(join(dir, 'site/journeys/Extra.html'))).toBe(false);
        expect(existsSync(join(dir, 'site/index.html'))).toBe(true);
        expect(leftovers(dir)).toEqual([]);
    });

    it('refuses a folder it did not make, and leaves it exactly as it was', async () => {
        const dir = workspace({ ...model(), 'docs/README.md': '# notes\n', 'docs/img/a.png': 'png' });
        const before = snapshot(join(dir, 'docs'));
        const run = await copis(dir, 'site', 'models', '-o', 'docs');
        expect(run.code).toBe(2);
        expect(run.stderr).toBe('copis: -o docs: is a folder that copis did not make (it holds README.md, img and no .copis-site); copis writes a site only into a new or empty folder, or over a site it wrote before. Name another folder, e.g. -o site\n');
        expect(run.stdout).toBe('');
        expect(snapshot(join(dir, 'docs'))).toEqual(before);
        expect(leftovers(dir)).toEqual([]);
    });

    it('refuses a previous site that now holds a file it did not write (a CNAME added by hand), and keeps it', async () => {
        const dir = workspace(model());
        expect((await copis(dir, 'site', 'models', '-o', 'site')).code).toBe(0);
        writeFileSync(join(dir, 'site/CNAME'), 'journeys.example.com\n');
        mkdirSync(join(dir, 'site/notes'));
        const before = snapshot(join(dir, 'site'));
        const run = await copis(dir, 'site', 'models', '-o', 'site');
        expect(run.code).toBe(2);
        expect(run.stderr).toBe("copis: -o site: holds files copis did not write (CNAME, notes/), which replacing the site would delete; move them out of it, or name another folder\n");
        expect(snapshot(join(dir, 'site'))).toEqual(before);
        expect(existsSync(join(dir, 'site/notes'))).toBe(true);
    });

    it('refuses a manifest that is not its own, a file, and the working folder or a folder that holds it', async () => {
        const dir = workspace({ ...model(), 'fake/.copis-site': '{"generator":"something else","files":["a"]}', 'fake/a': 'x', 'file.txt': 'text' });
        const fake = await copis(dir, 'site', 'models', '-o', 'fake');
        expect(fake.code).toBe(2);
        expect(fake.stderr).toMatch(/^copis: -o fake: is a folder that copis did not make/);
        expect(readFileSync(join(dir, 'fake/a'), 'utf8')).toBe('x');
        const file = await copis(dir, 'site', 'models', '-o', 'file.txt');
        expect([file.code, file.stderr]).toEqual([2, 'copis: -o file.txt: is a file, not a folder; name the folder to write the site to\n']);
        expect(readFileSync(join(dir, 'file.txt'), 'utf8')).toBe('text');
        // The working folder is a previous site here: still refused (renaming it away would pull the folder from under the shell).
        const site = join(dir, 'models');
        expect((await copis(dir, 'site', 'models', '-o', 'built')).code).toBe(0);
        const inside = await copis(join(dir, 'built'), 'site', site, '-o', '.');
        expect([inside.code, inside.stderr]).toEqual([2, 'copis: -o .: is the working folder or holds it; name a folder of its own for the site, e.g. -o site\n']);
        const above = await copis(join(dir, 'built'), 'site', site, '-o', '..');
        expect(above.code).toBe(2);
        expect(existsSync(join(dir, 'built/index.html'))).toBe(true);
    });

    it('writes through a link to a folder: the link stays, the folder it points to gets the site', async () => {
        const dir = workspace(model());
        mkdirSync(join(dir, 'real'));
        symlinkSync(join(dir, 'real'), join(dir, 'link'));
        const run = await copis(dir, 'site', 'models', '-o', 'link');
        expect(run.code, run.stderr).toBe(0);
        expect(statSync(join(dir, 'real/index.html')).isFile()).toBe(true);
        expect(readdirSync(dir).sort()).toEqual(['link', 'models', 'real']);
        // A link to nothing is refused.
        symlinkSync(join(dir, 'nowhere'), join(dir, 'broken'));
        const broken = await copis(dir, 'site', 'models', '-o', 'broken');
        expect([broken.code, broken.stderr]).toEqual([2, 'copis: -o broken: is a link to nothing; point it at a folder, or name another output\n']);
    });

    it('a folder that cannot be written (as an ordinary user): exit 2, the old site unchanged, nothing left behind', async () => {
        const dir = workspace(model());
        mkdirSync(join(dir, 'locked'));
        expect((await copis(dir, 'site', 'models', '-o', 'locked/site')).code).toBe(0);
        handOver(dir);
        chmodSync(join(dir, 'locked'), 0o555);
        const before = snapshot(join(dir, 'locked'));
        const run = bundleUnprivileged(dir, 'site', 'models', '-o', 'locked/site');
        expect(run.code).toBe(2);
        expect(run.stderr).toMatch(/^copis: locked\/site: could not be written: permission denied \(EACCES\); choose a folder you can write to; it is unchanged\n$/);
        expect(snapshot(join(dir, 'locked'))).toEqual(before);
        chmodSync(join(dir, 'locked'), 0o755);
    });

    it('a failure while writing removes the temporary folder and leaves the old site as it was', async () => {
        const dir = workspace(model());
        expect((await copis(dir, 'site', 'models', '-o', 'site')).code).toBe(0);
        const before = snapshot(join(dir, 'site'));
        // A file name no file system takes (a NUL byte): the write of that file fails after others were written.
        const files = new Map([['a.html', 'a'], ['b\0.html', 'b']]);
        await expect(writeSite(join(dir, 'site'), files, 'site', dir)).rejects.toThrow();
        expect(snapshot(join(dir, 'site'))).toEqual(before);
        expect(leftovers(dir)).toEqual([]);
    });
});
