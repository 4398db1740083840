// mode: site — copis site into `site-dir` (default _site; output `site-dir`), for
// actions/upload-pages-artifact and actions/deploy-pages. copis refuses a folder that is not new, empty
// or a site it wrote, and says why in the log.
import { input, judging, splitPaths } from './inputs.mjs';
import { copis, installedCli } from './run-copis.mjs';
import { appendSummary, escapeMarkdown, inWorkspace, setOutput } from './workflow.mjs';

export const DEFAULT_SITE_DIR = '_site';

export function runSite() {
    const cli = installedCli();
    const paths = splitPaths(input('paths'));
    const dir = input('site-dir') || DEFAULT_SITE_DIR;
    const title = input('title');
    // `--name=value` and `--` before the paths: a value or path that starts with `-` is not an option.
    const args = ['site', `--output=${dir}`, ...(title === '' ? [] : [`--title=${title}`]), ...judging(), '--', ...paths];
    const result = copis(cli, args, false);
    if (result.code === 2) {
        appendSummary(`copis site: **not written** (exit code 2); the log says why.\n`);
        return 1;
    }
    const path = inWorkspace(dir);
    setOutput('site-dir', path);
    appendSummary(result.code === 0
        ? `copis site: written to ${escapeMarkdown(dir)}.\n`
        : `copis site: written to ${escapeMarkdown(dir)}, but **some paths or files could not be read** (exit code ${result.code}); the log says which.\n`);
    return result.code === 0 ? 0 : 1;
}
