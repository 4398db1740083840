import { Option, type Command } from 'commander';
import type { ExitCode } from '../exit-codes.js';
import type { CliIO } from '../io.js';
import { parseAsOf } from '../as-of.js';
import { collect } from '../actuals/read-actuals.js';
import { runExport, type ExportOptions } from './run.js';
import { EXPORT_FORMATS, exportFormatsHelp } from './formats/index.js';

const EXPORT_HELP = `
Formats:
${exportFormatsHelp()}

FILE is loaded with its model root (a copis.config.json at or above it), else
with every .copis file below its folder, or with --workspace DIR with every
.copis file below DIR as one model, as copis validate loads a model: references
across files resolve, and the KPI actuals are the ones validate reads (the
config's "actuals", --actuals). Any model that parses can be exported: what does not resolve is left
out, and the errors and warnings are listed on stderr.

--customer keeps one customer's path (in every format); --stages keeps a
range of stages, by name, in stage order: A..B, A.. (to the last), ..B (from
the first) or A alone (in every format). --view picks the journey (service
blueprint) or the COPIS view of svg, png and html; --compact draws the journey
view with touchpoints, emotion, moments and pains only, in narrower columns,
for a long journey.

Output: to stdout (not png), or with -o PATH to that file, written atomically
(an existing file is replaced only when the export succeeded; missing folders
are created). A symbolic link is followed (the file it points to is replaced,
the link kept); a FIFO or device such as /dev/stdout is written into.

Exit codes:
  0  exported (the model may still have problems: see stderr)
  1  FILE has syntax errors; nothing was written
  2  bad usage, FILE unreadable or without the journey or customer named,
     the output cannot be written, or the PNG cannot be made (resvg
     missing, or rasterising failed); an existing output is then unchanged

Examples:
  $ copis export shop/buy.copis --to svg -o buy.svg
  $ copis export shop/buy.copis --to png --view copis -o buy-copis.png
  $ copis export shop/buy.copis --to html --customer Shopper -o buy.html
  $ copis export shop/buy.copis --to png --compact --stages Browse..Pay -o part.png
  $ copis export shop/buy.copis --to mermaid > buy.mmd
  $ copis export shop/buy.copis --to md --journey ReturnItem -o report.md
  $ copis export models/buy.copis --to json --workspace models/ | jq .journey.stages
  $ copis export models/buy.copis --to html --actuals data/kpis.csv -o buy.html
`;

/** What commander gives the action: `runExport`'s options but FILE, the operand. */
type ExportCommandOptions = Omit<ExportOptions, 'file'>;

/** Adds `copis export` to the program; `done` receives its exit code. */
export function addExportCommand(program: Command, io: CliIO, done: (code: ExitCode) => void): void {
    program.command('export')
        .description('write a journey as SVG, PNG, HTML, Mermaid, JSON or a Markdown report')
        .argument('<file>', 'the .copis file that declares the journey')
        .addOption(new Option('-t, --to <format>', 'output format (required)').choices(EXPORT_FORMATS).makeOptionMandatory())
        .addOption(new Option('--view <view>', 'the diagram view, for svg, png and html (default: journey)').choices(['journey', 'copis']))
        .option('-j, --journey <name>', 'the journey to export, when FILE declares several (default: the first)')
        .option('-c, --customer <name>', "only this customer's path through the journey")
        .option('-s, --stages <from..to>', 'only these stages, by name, in stage order (A..B, A.., ..B or A)')
        .option('--compact', 'journey view: touchpoints, emotion, moments and pains only, in narrower columns (svg, png, html)')
        .option('-o, --output <path>', 'the file to write (default, or -: stdout; png needs a file)')
        .option('-w, --workspace <dir>', "load the .copis files below DIR with FILE, as one model (default: FILE's model root, else its folder)")
        .option('--as-of <date>', 'judge KPI due dates (kpi-overdue) and read actuals as of this date, YYYY-MM-DD (default: today)', parseAsOf)
        .option('--actuals <file>', 'a CSV file of KPI actuals (kpi, date, value): a KPI\'s latest row takes the place of its current value; repeatable', collect, [])
        .addHelpText('after', EXPORT_HELP)
        .action(async (file: string, options: ExportCommandOptions) => {
            done(await runExport({ file, ...options }, io));
        });
}
