import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The page script's text, put into the CLI bundle when it is built (scripts/bundle.mjs); undefined when run from source. */
declare const COPIS_SITE_SCRIPT: string | undefined;

/**
 * The site's one script (src/site-page/, bundled to dist/site.js). The shipped CLI carries it; from
 * source (tests, `npm run bundle -- --watch`) it is read from dist/.
 */
export function siteScript(): string {
    if (typeof COPIS_SITE_SCRIPT === 'string') return COPIS_SITE_SCRIPT;
    const here = typeof __dirname === 'string' ? __dirname : dirname(fileURLToPath(import.meta.url));
    const candidates = [join(here, 'site.js'), join(here, '..', '..', '..', '..', 'dist', 'site.js')];
    const found = candidates.find(existsSync);
    if (!found) throw new Error(`the site's script is missing (looked for ${candidates.join(' and ')}); run npm run bundle`);
    return readFileSync(found, 'utf8');
}
