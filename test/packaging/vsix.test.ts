// The VSIX as `npm run package` builds it: what it holds (only what the extension loads and its listing
// shows), the Marketplace's needs (icon, README with its images inside, CHANGELOG, LICENSE, notices,
// capabilities), and vsce's verdict (no warning with the flags package.json gives it).
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../cli/helpers.js';
import { ENV, tempDir } from '../scripts/npm-package.js';
import { ICON_PNG, renderIcon } from '../../scripts/render-icon.mjs';
import { readZip, type ZipEntry } from './zip.js';

const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
let entries: ZipEntry[];
let vsce: { code: number; output: string };

function entry(name: string): Buffer {
    const found = entries.find(e => e.name === name);
    if (!found) throw new Error(`${name} is not in the VSIX: ${entries.map(e => e.name).join(', ')}`);
    return found.content();
}

beforeAll(() => {
    for (const bundle of ['extension.cjs', 'server.cjs', 'THIRD-PARTY-NOTICES.md']) {
        if (spawnSync('test', ['-f', join(ROOT, 'dist', bundle)]).status !== 0) throw new Error(`dist/${bundle} is missing: run \`npm run build\` first`);
    }
    // package.json's own command, to another --out.
    const out = join(tempDir('copis-vsix-'), 'copis.vsix');
    const script = manifest.scripts.package.replace(/--out \S+/, `--out ${out}`);
    const run = spawnSync('bash', ['-c', `npx ${script}`], { cwd: ROOT, env: ENV, encoding: 'utf8', timeout: 120000, stdio: ['ignore', 'pipe', 'pipe'] });
    vsce = { code: run.status ?? -1, output: run.stdout + run.stderr };
    entries = readZip(out);
}, 180000);

describe('the VSIX', () => {
    it('is packaged by vsce without a warning or an error', () => {
        expect(vsce.code, vsce.output).toBe(0);
        expect(vsce.output).not.toMatch(/WARNING|ERROR/);
    });

    it('holds what the extension loads and what its listing shows, and nothing else', () => {
        const files = entries.map(e => e.name).filter(n => n.startsWith('extension/')).sort();
        expect(files).toEqual([
            'extension/LICENSE.txt', 'extension/changelog.md',
            'extension/dist/THIRD-PARTY-NOTICES.md', 'extension/dist/extension-web.cjs', 'extension/dist/extension.cjs',
            'extension/dist/fonts/Arimo-Bold.ttf', 'extension/dist/fonts/Arimo-Regular.ttf', 'extension/dist/fonts/OFL.txt',
            'extension/dist/server-web.js', 'extension/dist/server.cjs', 'extension/dist/webview.js',
            'extension/docs/config.schema.json',
            'extension/images/copis-file.svg', 'extension/images/icon.png',
            'extension/images/screenshots/preview-copis.png', 'extension/images/screenshots/preview-journey.png', 'extension/images/screenshots/vscode-preview.png',
            'extension/language-configuration.json', 'extension/media/preview.css', 'extension/package.json', 'extension/readme.md',
            'extension/syntaxes/copis.tmLanguage.json'
        ]);
    });

    it('ships every file its manifest names, and not the CLI', () => {
        const shipped = new Set(entries.map(e => e.name.replace(/^extension\//, '')));
        const named = [manifest.main, manifest.browser, manifest.icon, ...manifest.contributes.languages.flatMap((l: { configuration?: string; icon?: { light: string; dark: string } }) => [l.configuration, l.icon?.light, l.icon?.dark]), ...manifest.contributes.grammars.map((g: { path: string }) => g.path), ...manifest.contributes.jsonValidation.map((j: { url: string }) => j.url)].filter((p): p is string => p !== undefined);
        for (const path of named) expect(shipped, path).toContain(path.replace(/^\.\//, ''));
        expect(shipped).not.toContain('dist/cli.cjs');
        expect([...shipped].filter(f => f.endsWith('.map'))).toEqual([]);
    });

    it('has a 128 × 128 PNG icon', () => {
        const png = entry('extension/images/icon.png');
        expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
        expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([128, 128]);
        // ... drawn from docs/packaging/icon.svg (node scripts/render-icon.mjs after changing it).
        expect(Buffer.compare(renderIcon(), readFileSync(ICON_PNG))).toBe(0);
        expect(Buffer.compare(png, readFileSync(ICON_PNG))).toBe(0);
    });

    it('lists a README for users whose images are all inside the VSIX', () => {
        const readme = entry('extension/readme.md').toString('utf8');
        expect(readme).toContain('# COPIS — customer journeys as code');
        const images = [...readme.matchAll(/!\[[^\]]*\]\(([^)]+)\)/g)].map(m => m[1]);
        expect(images.length).toBeGreaterThanOrEqual(3);
        for (const image of images) {
            expect(image, 'an image of the listing points outside the VSIX').not.toMatch(/^(https?:|\/|\.\.|docs\/)/);
            expect(entries.map(e => e.name), image).toContain(`extension/${image}`);
        }
        expect(readme).not.toMatch(/\]\((?!images\/)[^)#]+\)/);
    });

    it('has a CHANGELOG for this version, the licence and the bundled packages\' notices', () => {
        expect(entry('extension/changelog.md').toString('utf8')).toContain(`## ${manifest.version}`);
        expect(entry('extension/LICENSE.txt').toString('utf8')).toContain('MIT License');
        const notices = entry('extension/dist/THIRD-PARTY-NOTICES.md').toString('utf8');
        for (const name of ['langium', 'vscode-languageclient', 'vscode-languageserver', 'chevrotain']) expect(notices).toMatch(new RegExp(`^## ${name} \\d`, 'm'));
    });

    it('declares that it works in Restricted Mode and in virtual workspaces', () => {
        const shipped = JSON.parse(entry('extension/package.json').toString('utf8'));
        expect(shipped.capabilities).toEqual({ untrustedWorkspaces: { supported: true }, virtualWorkspaces: true });
        expect(shipped.icon).toBe('images/icon.png');
    });
});
