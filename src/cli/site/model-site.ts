import type { Summary } from '../diagnostics.js';
import type { CliIO } from '../io.js';
import type { ExitCode } from '../exit-codes.js';
import { loadModel, type LoadedModel } from '../load-model.js';
import { siteScript } from './assets/script.js';
import { buildSite, type SiteFiles } from './build-site.js';
import { siteModel } from './site-model.js';

export interface ModelSiteOptions {
    /** Files, folders and glob patterns of the model (as for validate); none: the working folder. */
    paths: string[];
    asOf?: string;
    /** CSV files of KPI actuals (`--actuals`), beside those the config files name. */
    actuals?: string[];
    title?: string;
}

/** The model the paths name, as a site: what `copis site` writes and `copis site --serve` serves. */
export async function buildModelSite(options: ModelSiteOptions, io: CliIO, live: boolean): Promise<{ files: SiteFiles; loaded: LoadedModel; summary: Summary } | { exit: ExitCode }> {
    const loaded = await loadModel(options.paths, io, { asOf: options.asOf, command: 'site', actuals: options.actuals });
    if ('exit' in loaded) return loaded;
    const site = siteModel(loaded, { title: options.title, asOf: options.asOf });
    return { files: buildSite(site, { script: siteScript(), live }), loaded, summary: site.summary };
}

