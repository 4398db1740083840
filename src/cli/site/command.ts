import { InvalidArgumentError, type Command } from 'commander';
import { collect } from '../actuals/read-actuals.js';
import { parseAsOf } from '../as-of.js';
import type { ExitCode } from '../exit-codes.js';
import type { CliIO } from '../io.js';
import { runSite, type SiteOptions } from './run.js';
import { DEFAULT_HOST, DEFAULT_PORT } from './serve.js';

const SITE_HELP = `
The model is what copis validate PATHS loads (default: .). The site has:
  index.html          the portfolio: journeys by lifecycle stage, the moments
                      of truth (polarity, impact) and KPIs (met, missed) of
                      each; the customers
  journeys/NAME.html  a page per journey: the journey and COPIS views (zoom,
                      pan, customer filter; click an element for its details),
                      KPIs, stages, pains and opportunities, diagnostics
  customers/NAME.html a page per customer: journeys, moments on their path
  kpis.html, opportunities.html, diagnostics.html, and search (every element
  by name and title)
It works from file:// and any static host: relative links, nothing remote,
one script, a strict Content-Security-Policy. The same model gives the same
files, byte for byte (KPI due dates are judged as of today unless --as-of).

Output: -o DIR is written whole or not at all (a temporary folder beside it,
renamed into place). DIR must be new, empty, or a site copis wrote before
(it holds .copis-site); any other folder is refused, and nothing is deleted
that copis did not write.

--serve builds the site in memory, serves it on http://${DEFAULT_HOST}:${DEFAULT_PORT}/
and builds it again when a .copis, copis.config.json, .gitignore or actuals CSV
file of the model changes (in its model roots, beside its actuals files, or a
config above them): the open pages reload.

Exit codes:
  0  written (the model may have problems: the diagnostics page lists them)
  1  written, but a path or file could not be read (see stderr)
  2  bad usage, nothing to load, or DIR cannot be written (it is unchanged)

Examples:
  $ copis site models/ -o site
  $ copis site -o public --title "Customer journeys" --as-of 2026-12-31
  $ copis site models/ --serve --port 8080
`;

function parsePort(value: string): number {
    if (!/^\d+$/.test(value) || Number(value) > 65535) throw new InvalidArgumentError('Expected a port number, 0 to 65535 (0: any free port).');
    return Number(value);
}

/** What commander gives the action: `runSite`'s options but PATHS, the operands. */
type SiteCommandOptions = Omit<SiteOptions, 'paths'>;

/** Adds `copis site` to the program; `done` receives its exit code. */
export function addSiteCommand(program: Command, io: CliIO, done: (code: ExitCode) => void): void {
    program.command('site')
        .description('write every journey of the model as a static website (or serve it, rebuilt as files change)')
        .argument('[paths...]', 'files, folders and glob patterns of the model, as for validate (default: .)')
        .option('-o, --output <dir>', 'the folder to write the site to (new, empty, or a site copis wrote)')
        .option('--title <text>', "the site's title (default: the journey's title, or \"Customer journeys\")")
        .option('--as-of <date>', 'judge KPI due dates (kpi-overdue) and read actuals as of this date, YYYY-MM-DD (default: today); the site says the date', parseAsOf)
        .option('--actuals <file>', 'a CSV file of KPI actuals (kpi, date, value), beside the config\'s `actuals`; repeatable', collect, [])
        .option('--serve', `serve the site on ${DEFAULT_HOST} and rebuild it when a .copis, config or CSV file changes`)
        .option('--port <n>', `with --serve: the port (default ${DEFAULT_PORT}; 0: any free port)`, parsePort)
        .option('--host <address>', `with --serve: the address to listen on (default ${DEFAULT_HOST}: this machine only)`)
        .addHelpText('after', SITE_HELP)
        .action(async (paths: string[], options: SiteCommandOptions) => {
            done(await runSite({ paths, ...options }, io));
        });
}
