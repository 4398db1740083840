// `npm run pack:npm` and the package it makes, installed from the tarball into an empty repository and
// used as a team would: npx copis validate, format --check, export --to svg, and the language server.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, fixture } from '../cli/helpers.js';
import { ENV, diagnosticsOfOpened, installedRepository, packNpm, run, type Packed } from './npm-package.js';

const version = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version as string;
let packed: Packed;
let repo: string;

beforeAll(() => {
    packed = packNpm();
    repo = installedRepository(packed.tarball);
    mkdirSync(join(repo, 'models/returns'), { recursive: true });
    writeFileSync(join(repo, 'models/shop.copis'), fixture('shop.copis'));
    writeFileSync(join(repo, 'models/returns/returns.copis'), fixture('returns.copis'));
}, 120000);

function npx(...args: string[]) {
    return run('npx', args, { cwd: repo });
}

describe('the tarball', () => {
    it('holds the bundles, the PNG fonts with their licences, the config schema, README, the docs, LICENSE, notices and its package.json, nothing else', () => {
        const files = execFileSync('tar', ['-tzf', packed.tarball], { encoding: 'utf8' }).trim().split('\n').sort();
        expect(files).toEqual([
            'package/LICENSE', 'package/README.md', 'package/THIRD-PARTY-NOTICES.md', 'package/copis.config.schema.json',
            'package/dist/cli-main.cjs', 'package/dist/cli.cjs', 'package/dist/fonts/Arimo-Bold.ttf', 'package/dist/fonts/Arimo-Regular.ttf', 'package/dist/fonts/DejaVu-LICENSE.txt',
            'package/dist/fonts/DejaVuSans-Bold.ttf', 'package/dist/fonts/DejaVuSans.ttf', 'package/dist/fonts/OFL.txt',
            'package/dist/server.cjs',
            'package/docs/cli.md', 'package/docs/config.schema.json', 'package/docs/diff.schema.json', 'package/docs/language.md', 'package/docs/model.schema.json',
            'package/package.json'
        ]);
        expect(packed.tarball).toMatch(new RegExp(`copis-${version.replace(/\./g, '\\.')}\\.tgz$`));
    });

    it('is the public package copis: two bins, Node 22, no dependencies but the optional PNG renderer', () => {
        const manifest = JSON.parse(execFileSync('tar', ['-xzOf', packed.tarball, 'package/package.json'], { encoding: 'utf8' }));
        expect(manifest.name).toBe('copis');
        expect(manifest.version).toBe(version);
        expect(manifest.private).toBeUndefined();
        expect(manifest.bin).toEqual({ copis: 'dist/cli.cjs', 'copis-language-server': 'dist/server.cjs' });
        expect(manifest.engines).toEqual({ node: '>=22' });
        expect(manifest.dependencies).toBeUndefined();
        expect(Object.keys(manifest.optionalDependencies)).toEqual(['@resvg/resvg-js']);
        expect(manifest.license).toBe('MIT');
    });

    it('names in its notices every package bundled into the CLI and the server, with licence texts', () => {
        const notices = execFileSync('tar', ['-xzOf', packed.tarball, 'package/THIRD-PARTY-NOTICES.md'], { encoding: 'utf8' });
        for (const name of ['langium', 'chevrotain', 'vscode-languageserver', 'commander', 'tinyglobby']) expect(notices).toMatch(new RegExp(`^## ${name} \\d`, 'm'));
        expect(notices).toContain('Apache License');
        expect(notices).toContain('Permission is hereby granted, free of charge');
        // The extension's client is not in these bundles.
        expect(notices).not.toContain('## vscode-languageclient');
    });

    it('prints its size and files, and the tarball path as the last line', () => {
        expect(packed.output).toMatch(/^copis \S+: 19 files, \d+ KB packed, \d+ KB unpacked$/m);
        expect(packed.output).toContain('  dist/cli.cjs (');
    });
});

describe('installed from the tarball into an empty repository', () => {
    it('has the docs its README, messages and --help point at, and every relative link in its Markdown lands on a file of the package', () => {
        const pkg = join(repo, 'node_modules', 'copis');
        for (const doc of ['docs/language.md', 'docs/cli.md', 'docs/model.schema.json', 'docs/diff.schema.json']) {
            expect(readFileSync(join(pkg, doc), 'utf8'), doc).toBe(readFileSync(join(ROOT, doc), 'utf8'));
        }
        const readme = readFileSync(join(pkg, 'README.md'), 'utf8');
        for (const doc of ['docs/language.md', 'docs/cli.md', 'docs/model.schema.json', 'docs/diff.schema.json']) expect(readme).toContain(`](${doc}`);
        const dead: string[] = [];
        for (const file of ['README.md', 'docs/language.md', 'docs/cli.md']) {
            for (const [, href] of readFileSync(join(pkg, file), 'utf8').matchAll(/\]\(([^)\s]+)\)/g)) {
                if (/^[a-z]+:/i.test(href) || href.startsWith('#')) continue;
                const path = join(pkg, dirname(file), href.split('#')[0]);
                if (!existsSync(path)) dead.push(`${file}: ${href}`);
            }
        }
        expect(dead).toEqual([]);
        // What --help points at is there.
        expect(npx('copis', 'validate', '--help').stdout).toContain('docs/cli.md');
    });

    it('npx copis --version and -v print the package version', () => {
        expect(npx('copis', '--version')).toMatchObject({ code: 0, stdout: `${version}\n` });
        expect(npx('copis', '-v').stdout).toBe(`${version}\n`);
    });

    it('npx copis validate: a clean model exits 0, a broken one 1 with the diagnostic', () => {
        expect(npx('copis', 'validate', 'models')).toMatchObject({ code: 0, stdout: '2 files: no problems\n' });
        writeFileSync(join(repo, 'models/broken.copis'), fixture('broken.copis'));
        try {
            const broken = npx('copis', 'validate', '--format', 'github');
            expect(broken.code).toBe(1);
            expect(broken.stdout).toMatch(/^::error file=models\/broken\.copis,line=2,col=77,.*title=unresolved-reference::/m);
        } finally {
            execFileSync('rm', [join(repo, 'models/broken.copis')]);
        }
    });

    it('npx copis format rewrites the files, then format --check passes, and fails on a file not formatted', () => {
        expect(npx('copis', 'format', 'models')).toMatchObject({ code: 0, stdout: expect.stringMatching(/^2 files: \d formatted$/m) });
        expect(npx('copis', 'format', '--check', 'models')).toMatchObject({ code: 0, stdout: '2 files: all formatted\n' });
        writeFileSync(join(repo, 'models/messy.copis'), 'customer   Gifter "Gifter"   { value low }\n');
        try {
            const messy = npx('copis', 'format', '--check', 'models');
            expect(messy.code).toBe(1);
            expect(messy.stdout).toContain('not formatted: models/messy.copis');
        } finally {
            execFileSync('rm', [join(repo, 'models/messy.copis')]);
        }
    });

    it('npx copis export --to svg draws the journey', () => {
        const exported = npx('copis', 'export', 'models/shop.copis', '--to', 'svg', '-o', 'shop.svg');
        expect(exported.code).toBe(0);
        const svg = readFileSync(join(repo, 'shop.svg'), 'utf8');
        expect(svg.startsWith('<svg') || svg.startsWith('<?xml')).toBe(true);
        expect(svg).toContain('Product page');
    });

    it('npx copis-language-server --stdio answers initialize and publishes diagnostics for an opened file', async () => {
        const uri = pathToFileURL(join(repo, 'models/open.copis')).toString();
        // Shopper is declared in models/shop.copis, which the server loads from the workspace; Nope nowhere.
        const { capabilities, diagnostics } = await diagnosticsOfOpened('npx', ['copis-language-server', '--stdio'], repo, uri,
            'journey Open "Open" {\n  customers Shopper, Nope\n}\n', ENV);
        expect(capabilities.hoverProvider).toBeTruthy();
        const unresolved = diagnostics.filter(d => d.code === 'unresolved-reference');
        expect(unresolved.map(d => d.message)).toEqual([expect.stringContaining('`Nope`')]);
    }, 60000);
});
