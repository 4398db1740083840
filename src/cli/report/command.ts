import { Option, type Command } from 'commander';
import { collect } from '../actuals/read-actuals.js';
import { parseAsOf } from '../as-of.js';
import type { ExitCode } from '../exit-codes.js';
import type { CliIO } from '../io.js';
import { REPORT_FORMATS, REPORT_FORMAT_TABLE, type ReportFormat } from './formats/index.js';
import { runReport } from './run.js';

const REPORT_HELP = `
Formats:
${REPORT_FORMAT_TABLE.map(f => `  ${f.id.padEnd(6)} ${f.help}`).join('\n')}

The report covers every .copis file found, with the rest of their model roots
(as copis validate loads them): every KPI with its value (its latest actual,
from the config's \`actuals\` or --actuals), target,
status, trend and staleness; the negative and mixed moments of truth ranked by
value at risk, and the opportunities ranked by priority, per currency, across
all journeys (done ones listed apart); and every input a figure lacks, and why.
It does not validate: copis validate does. A file with syntax errors is left
out and reported.

Exit codes:
  0  reported
  1  reported, but a file could not be read or parsed, or left out
  2  bad usage, nothing readable, or the output cannot be written

Examples:
  $ copis report models/ --to md > report.md
  $ copis report --to html --actuals data/kpis.csv -o site/report.html
  $ copis report --to json | jq '.report.opportunitiesByPriority[0]'
`;

/** Adds `copis report` to the program; `done` receives its exit code. */
export function addReportCommand(program: Command, io: CliIO, done: (code: ExitCode) => void): void {
    program.command('report')
        .description('report a whole model: KPIs, value at risk, opportunities by priority')
        .argument('[paths...]', 'files, folders and glob patterns (default: .)')
        .addOption(new Option('-t, --to <format>', 'output format').choices(REPORT_FORMATS).default('md'))
        .option('--actuals <file>', 'a CSV file of KPI actuals (kpi, date, value), beside the config\'s `actuals`; repeatable', collect, [])
        .option('--as-of <date>', 'read actuals and judge staleness as of this date, YYYY-MM-DD (default: today)', parseAsOf)
        .option('-o, --output <path>', 'the file to write (default, or -: stdout)')
        .addHelpText('after', REPORT_HELP)
        .action(async (paths: string[], options: { to: ReportFormat; actuals: string[]; asOf?: string; output?: string }) => {
            done(await runReport({ paths, ...options }, io));
        });
}
