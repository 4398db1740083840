import { Option, type Command } from 'commander';
import { collect } from '../actuals/read-actuals.js';
import { parseAsOf } from '../as-of.js';
import { EXIT_USAGE, type ExitCode } from '../exit-codes.js';
import type { CliIO } from '../io.js';
import { DIAGRAM_TARGETS } from './diagram/render.js';
import { DIFF_FORMATS, DIFF_REPORTERS } from './reporters/index.js';
import { FAIL_ON, runDiff, type DiffOptions } from './run.js';

const DIFF_HELP = `
Revisions:
  BASE and HEAD are git revisions: a branch, a tag, a commit, HEAD~1, ...
  Without HEAD, the working tree is compared (files as they are on disk,
  committed or not). Without BASE, the merge base of HEAD with the default
  branch (origin/HEAD, else main or master): what a pull request changes.
  A range as git writes it works too: A..B is A and B; A...B is the merge
  base of A and B, and B (what a pull request from B into A changes).
  A shallow clone may lack that merge base: fetch more history
  (git fetch --deepen=50, or actions/checkout with fetch-depth: 0) or name
  BASE. Paths after -- limit the model to those files and folders (default:
  every .copis file of the repository). At each revision, the files are
  those copis validate would load from a checkout of it: that revision's
  .gitignore and copis.config.json files (include, exclude, rules) apply,
  node_modules and dot-folders never load, and each model root is a model
  of its own.

What is compared, by meaning (not by line):
  Declarations are matched by kind and qualified name (Journey.Name): added,
  removed, moved (a touchpoint to another stage, a KPI to another objective),
  changed (each property, from what to what), renamed (same kind and parent,
  at least 80% of the properties set equal, children's names counting as
  properties, and no other candidate), KPIs
  that went from met to missed or back and KPI actuals that changed (see
  KPI actuals below), the order of stages and touchpoints,
  and the diagnostics introduced and fixed (by code, severity and
  declaration; an actuals file's by code and the KPI its row names). A file
  that does not parse (or cannot be read) at a revision is listed, its
  declarations left out, and the rest compared.

Output:
${DIFF_REPORTERS.map(r => {
        const [first, ...rest] = r.help.split('\n');
        return [`  ${r.id.padEnd(5)} ${first}`, ...rest.map(l => `        ${l}`)].join('\n');
    }).join('\n')}

KPI actuals:
  Each revision's KPIs are judged as copis validate judges them at that
  revision: with the CSV files of actuals that its copis.config.json files
  name (\`actuals\`), read from that revision (a commit's through git, the
  working tree's from the disk), a KPI's latest row on or before --as-of
  (default: today, the same day for both) in place of its current value. So
  met and missed, kpi-off-target and the other KPI checks follow the data,
  and a change to the actuals alone is reported: the KPI's actual (from, to),
  met or missed, and the problems of the CSV files introduced and fixed.
  --actuals FILE is read from the disk and serves both revisions (in place of
  a revision's own copy of that file): the same measurements for both, so
  that only the model's change shows.

The picture (--to svg|html [--journey NAME] [-o PATH]):
  The journey view of HEAD, drawn by the preview's renderer, with what was
  added framed in green, changed in orange, and what was removed put back
  where it was as a faded, dashed ghost; a legend below. html is a page with
  the picture and the journey's changes as a table (no script, nothing
  remote). Without --journey: the first journey that changed.

Exit codes:
  0  compared (whatever changed)
  1  with --fail-on introduced-errors: the change introduces an error (or a
     file that cannot be read); --fail-on introduced-warnings: or a warning
  2  not a git repository, no such revision, no merge base, bad usage

Examples:
  $ copis diff                          # this branch's changes, uncommitted too
  $ copis diff main                     # the working tree against main
  $ copis diff origin/main HEAD --format md > diff.md
  $ copis diff v1.0 v2.0 --format json -- models/
  $ copis diff --fail-on introduced-errors
  $ copis diff main --to svg --journey BuyAndReturn -o changes.svg
  $ copis diff main --as-of 2026-12-31 --actuals data/kpis.csv
`;

/** What commander gives the action: `runDiff`'s options as flags (`--color`, commander's spelling, is `colour`). */
type DiffCommandOptions = Pick<DiffOptions, 'format' | 'failOn' | 'to' | 'journey' | 'output' | 'asOf'> & { color?: boolean; actuals: string[] };

/** Adds `copis diff` to the program; `done` receives its exit code. */
export function addDiffCommand(program: Command, io: CliIO, version: string, done: (code: ExitCode) => void): void {
    program.command('diff')
        .description('what changed in the journeys between two git revisions, by meaning')
        .usage('[options] [BASE [HEAD]] [-- PATH...]')
        .argument('[revisions...]', 'BASE and HEAD (default: the merge base with the default branch, and the working tree); paths after --')
        .addOption(new Option('-f, --format <format>', 'output format').choices(DIFF_FORMATS).default('text'))
        .addOption(new Option('--fail-on <what>', 'exit 1 when the change introduces errors (or warnings too)').choices(FAIL_ON))
        .option('--color', 'colour the text output even when it is not a terminal')
        .option('--no-color', 'never colour the text output (as NO_COLOR does)')
        .addOption(new Option('-t, --to <format>', 'instead of the report: the journey view of HEAD with the changes marked').choices(DIAGRAM_TARGETS))
        .option('-j, --journey <name>', 'with --to: the journey to draw (default: the first that changed)')
        .option('-o, --output <path>', 'with --to: the file to write (default, or -: stdout)')
        .option('--as-of <date>', 'judge both revisions\' KPIs (actuals, kpi-overdue) as of this date, YYYY-MM-DD (default: today)', parseAsOf)
        .option('--actuals <file>', 'a CSV file of KPI actuals (kpi, date, value) on the disk, for both revisions, beside their configs\' `actuals`; repeatable', collect, [])
        .addHelpText('after', DIFF_HELP)
        .action(async (operands: string[], options: DiffCommandOptions, command: Command) => {
            // commander drops `--`, and keeps the arguments as given in rawArgs (not in its typings); what came after `--` are the paths.
            const raw = (command.parent as unknown as { rawArgs?: string[] } | null)?.rawArgs ?? [];
            const dashDash = raw.indexOf('--');
            const pathCount = dashDash < 0 ? 0 : raw.length - dashDash - 1;
            const paths = operands.slice(operands.length - pathCount);
            const revisions = operands.slice(0, operands.length - pathCount);
            if (revisions.length > 2) {
                io.stderr(`copis: diff takes at most two revisions (BASE and HEAD), got ${revisions.length}; put paths after --, e.g. copis diff main -- models/\n`);
                done(EXIT_USAGE);
                return;
            }
            done(await runDiff({
                base: revisions[0], head: revisions[1], paths, format: options.format, failOn: options.failOn,
                ...(options.color !== undefined ? { colour: options.color } : {}),
                to: options.to, journey: options.journey, output: options.output, actuals: options.actuals, asOf: options.asOf, toolVersion: version
            }, io));
        });
}
