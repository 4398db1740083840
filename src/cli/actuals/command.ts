import type { Command } from 'commander';
import { parseAsOf } from '../as-of.js';
import type { ExitCode } from '../exit-codes.js';
import type { CliIO } from '../io.js';
import { runActualsApply } from './apply.js';
import { collect } from './read-actuals.js';

const APPLY_HELP = `
Rewrites the \`current\` value of every KPI that has an actual: the row of the
CSV files with the latest date on or before --as-of (default: today). Only the
value changes (\`current 91%\` becomes \`current 95.1%\`): the layout and the
comments stay. A value that already says the same is left as written, so a
second run changes nothing. A file with syntax errors is left untouched and
reported; files are replaced atomically. Rows with problems are not used (they
are listed on stderr, and the run fails), the others still are.

The CSV files: those the \`actuals\` globs of each model root's copis.config.json
name (for that model), and --actuals FILE (for every model of the run). A
header with the columns kpi, date and value (any order), a row per KPI and
day, the KPI named Journey.Kpi (Objective.Kpi for a top-level objective), the
value written as in a .copis file. Only the files the paths name are
rewritten; the rest of their model root is read for its KPIs.

Exit codes:
  0  done (with --check: every value is up to date)
  1  with --check: some value would change; or a file could not be read,
     parsed or written, or an actuals file has errors
  2  bad usage: no actuals file (neither --actuals nor the config's), or
     nothing readable

Examples:
  $ copis actuals apply                                         # the config's actuals, every .copis file below .
  $ copis actuals apply --actuals data/kpis.csv
  $ copis actuals apply models/ --actuals data/kpis.csv --check # in CI: is the model up to date?
`;

/** Adds `copis actuals apply` to the program; `done` receives its exit code. */
export function addActualsCommand(program: Command, io: CliIO, done: (code: ExitCode) => void): void {
    const actuals = program.command('actuals')
        .description('work with CSV files of KPI actuals')
        .helpCommand(false);
    actuals.command('apply')
        .description('rewrite `current` in .copis files from the latest KPI actuals')
        .argument('[paths...]', 'files, folders and glob patterns (default: .)')
        .option('--actuals <file>', 'a CSV file of KPI actuals (kpi, date, value), beside the config\'s `actuals`; repeatable', collect, [])
        .option('--as-of <date>', 'take the latest row on or before this date, YYYY-MM-DD (default: today)', parseAsOf)
        .option('--check', 'only list what would change, and exit 1 if anything would (for CI)')
        .addHelpText('after', APPLY_HELP)
        .action(async (paths: string[], options: { actuals: string[]; asOf?: string; check?: boolean }) => {
            done(await runActualsApply({ paths, actuals: options.actuals, asOf: options.asOf, check: options.check ?? false }, io));
        });
}
