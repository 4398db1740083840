// Finds the Chromium that the webview tests drive (through playwright-core), and says which one.
// Order: $COPIS_CHROMIUM; Debian's /usr/bin/chromium; as root, `apt-get install -y chromium`;
// a browser Playwright has already downloaded. Nothing is downloaded from elsewhere: where none
// of these works, the error says what to do.
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';
import { createRequire } from 'node:module';

export const DEBIAN_CHROMIUM = '/usr/bin/chromium';

/** The flags every copis test launch uses (headless, no sandbox for root in containers, no background traffic). */
export const CHROMIUM_ARGS = [
    '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
    '--disable-sync', '--no-first-run'
];

const say = message => process.stderr.write(`copis: ${message}\n`);

function executable(path) {
    try {
        accessSync(path, constants.X_OK);
        return true;
    } catch {
        return false;
    }
}

function run(command, args) {
    say(`running \`${[command, ...args].join(' ')}\``);
    const result = spawnSync(command, args, { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    return result.status === 0;
}

/** A browser Playwright has downloaded before (never downloads one). */
function playwrightBrowser() {
    try {
        const require = createRequire(import.meta.url);
        const path = require('playwright-core').chromium.executablePath();
        return path && existsSync(path) ? path : undefined;
    } catch {
        return undefined;
    }
}

/**
 * The path of a Chromium to launch, and where it came from. Logs the choice on stderr.
 * @param {{ install?: boolean }} [options] `install: false` never runs apt-get.
 * @returns {{ executablePath: string, source: string }}
 */
export function findChromium(options = {}) {
    const chosen = locate(options.install ?? true);
    say(`webview tests use ${chosen.executablePath} (${chosen.source})`);
    return chosen;
}

function locate(install) {
    const fromEnv = process.env.COPIS_CHROMIUM;
    if (fromEnv) {
        if (!executable(fromEnv)) throw new Error(`COPIS_CHROMIUM is ${fromEnv}, which is not an executable file.`);
        return { executablePath: fromEnv, source: '$COPIS_CHROMIUM' };
    }
    if (executable(DEBIAN_CHROMIUM)) return { executablePath: DEBIAN_CHROMIUM, source: "Debian's chromium package" };

    const root = typeof process.getuid === 'function' && process.getuid() === 0;
    if (install && root && existsSync('/usr/bin/apt-get')) {
        say(`${DEBIAN_CHROMIUM} is missing; installing Debian's chromium package (as root)`);
        const installed = run('apt-get', ['install', '-y', 'chromium'])
            || (run('apt-get', ['update']) && run('apt-get', ['install', '-y', 'chromium']));
        if (installed && executable(DEBIAN_CHROMIUM)) return { executablePath: DEBIAN_CHROMIUM, source: 'installed now with apt-get install -y chromium' };
        say('apt-get could not install chromium');
    }

    const downloaded = playwrightBrowser();
    if (downloaded) return { executablePath: downloaded, source: "Playwright's downloaded chromium" };

    throw new Error([
        'No Chromium for the webview tests.',
        `- On Debian or Ubuntu: \`sudo apt-get install -y chromium\` (then ${DEBIAN_CHROMIUM} is used; as root, the tests install it themselves).`,
        '- Or point COPIS_CHROMIUM at a Chromium or Chrome executable.',
        '- Or, with internet access: `npx playwright-core install chromium`.'
    ].join('\n'));
}

// `node scripts/chromium.mjs` prints the path (and installs the browser if it can).
if (import.meta.url === `file://${process.argv[1]}`) {
    try {
        process.stdout.write(`${findChromium().executablePath}\n`);
    } catch (error) {
        process.stderr.write(`${error.message}\n`);
        process.exit(1);
    }
}
