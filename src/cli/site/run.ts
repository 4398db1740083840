import { resolve } from 'node:path';
import { EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, type ExitCode } from '../exit-codes.js';
import { writeProblem } from '../files/write-file.js';
import { formatProblem, type CliIO } from '../io.js';
import { shownMessage, shownPath } from '../shown.js';
import { buildModelSite } from './model-site.js';
import { countsText } from './pages/parts.js';
import { serveSite, type ServeOptions } from './serve.js';
import { SiteRefused, writeSite } from './write-site.js';

export interface SiteOptions {
    /** Files, folders and glob patterns of the model (as for validate); none: the working folder. */
    paths: string[];
    /** The folder to write. */
    output?: string;
    asOf?: string;
    /** CSV files of KPI actuals (`--actuals`), beside those the config files name. */
    actuals?: string[];
    title?: string;
    serve?: boolean;
    port?: number;
    host?: string;
}

/**
 * `copis site`: the model as a static website in `-o DIR` (written safely: write-site.ts), or served on
 * localhost with `--serve`. Exit codes: 0 written (the model may have problems: the site lists them);
 * 1 written, but a path or file could not be read; 2 bad usage, nothing to load, or the folder cannot be
 * written (nothing was changed).
 */
export async function runSite(options: SiteOptions, io: CliIO): Promise<ExitCode> {
    if (options.serve && options.output !== undefined) {
        io.stderr('copis: --serve serves the site from memory and writes nothing; leave -o out, or build the site with copis site -o DIR\n');
        return EXIT_USAGE;
    }
    if (!options.serve && (options.port !== undefined || options.host !== undefined)) {
        io.stderr(`copis: ${options.port !== undefined ? '--port' : '--host'} applies to --serve; add --serve, or leave it out\n`);
        return EXIT_USAGE;
    }
    if (options.serve) return serveSite(options as ServeOptions, io);
    if (options.output === undefined || options.output === '') {
        io.stderr('copis: site: name the folder to write the site to with -o DIR (e.g. copis site models/ -o site), or serve it with --serve\n');
        return EXIT_USAGE;
    }
    const output = resolve(io.cwd, options.output);
    const built = await buildModelSite(options, io, false);
    if ('exit' in built) return built.exit;
    const { files, loaded, summary } = built;
    let result;
    try {
        result = await writeSite(output, files, options.output, io.cwd);
    } catch (error) {
        if (error instanceof SiteRefused) {
            io.stderr(`copis: ${shownMessage(error.message)}\n`);
        } else {
            io.stderr(formatProblem({ path: options.output, message: `could not be written: ${writeProblem(error)}; it is unchanged` }));
        }
        return EXIT_USAGE;
    }
    if (result.kept) {
        io.stderr(formatProblem({ path: result.kept.folder, message: `holds files that appeared in the old site while copis wrote the new one (${result.kept.files.slice(0, 3).map(f => shownPath(f)).join(', ')}); they are kept there` }));
    }
    const pages = [...files.keys()].filter(p => p.endsWith('.html')).length;
    const bytes = [...files.values()].reduce((n, text) => n + Buffer.byteLength(text), 0);
    const shownOutput = shownPath(options.output.replace(/[\\/]+$/, ''));
    // The site's own count (every file it is made of), as its index and diagnostics page say it.
    const problems = summary.errors + summary.warnings + summary.information;
    if (problems > 0) io.stderr(`copis: the model has ${countsText(summary)}; the site's diagnostics page lists them\n`);
    io.stdout(`site written: ${shownOutput}/index.html (${pages} pages, ${files.size + 1} files, ${(bytes / 1024).toFixed(0)} KB)\n`);
    return loaded.inputProblems > 0 ? EXIT_PROBLEMS : EXIT_OK;
}
