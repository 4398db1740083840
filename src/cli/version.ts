import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The version in copis's package.json, found from `dir` upwards (the bundle is `dist/cli.cjs`, the
 * package.json beside `dist/`, whether in the repository or installed in node_modules).
 */
export function packageVersion(dir: string): string {
    for (let current = dir, i = 0; i < 4; i++, current = dirname(current)) {
        try {
            const json = JSON.parse(readFileSync(join(current, 'package.json'), 'utf8')) as { name?: unknown; version?: unknown };
            if (json.name === 'copis' && typeof json.version === 'string') return json.version;
        } catch {
            // no package.json here, or not one that parses: look further up
        }
        if (dirname(current) === current) break;
    }
    return 'unknown';
}
