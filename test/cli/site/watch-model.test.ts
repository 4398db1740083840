import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadModel } from '../../../src/cli/load-model.js';
import { concernsModel, watchTargets } from '../../../src/cli/site/watch-model.js';
import { workspace } from '../helpers.js';

const quiet = (cwd: string) => ({ cwd, stdout: () => undefined, stderr: () => undefined });

describe('what copis site --serve watches', () => {
    it('the paths, the model roots, the folders of the actuals and of the config\'s patterns, and the folders above up to the repository\'s top', async () => {
        const dir = workspace({
            'repo/models/copis.config.json': '{ "actuals": ["data/kpis.csv", "feeds/**/*.csv"] }',
            'repo/models/journeys/shop.copis': 'journey Shop { }\n',
            'repo/models/data/kpis.csv': 'kpi,date,value\n',
            'repo/elsewhere/extra.csv': 'kpi,date,value\n'
        });
        mkdirSync(join(dir, 'repo/.git'));
        const repo = join(dir, 'repo');
        const loaded = await loadModel(['models/journeys/shop.copis'], quiet(repo), { command: 'site', actuals: ['elsewhere/extra.csv'] });
        if ('exit' in loaded) throw new Error('not loaded');
        const targets = await watchTargets(['models/journeys/shop.copis'], repo, loaded, ['elsewhere/extra.csv']);
        const shown = [...new Set(targets.map(t => `${t.depth} ${t.folder.slice(dir.length) || '/'}`))].sort();
        expect(shown).toEqual([
            'files /repo/elsewhere', 'files /repo/models/data', 'files /repo/models/journeys',
            'rules /repo', 'rules /repo/models',
            'tree /repo/models', 'tree /repo/models/feeds'
        ]);
    });

    it('which files concern the model', () => {
        for (const name of ['a.copis', 'kpis.csv', 'KPIS.CSV', 'copis.config.json', '.gitignore']) expect(concernsModel(name), name).toBe(true);
        for (const name of ['notes.md', 'site.html', 'copis.config.json.bak']) expect(concernsModel(name), name).toBe(false);
    });
});
