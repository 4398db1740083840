// A change to fdir 6 (tinyglobby's folder walker) as it is bundled: when it is loaded, fdir asks whether a `picomatch`
// can be required from where the bundle is, and loads it, for its own `glob()`. tinyglobby never calls that (it gives
// fdir its own filters), but a copis installed in a project finds the project's picomatch in the node_modules above it
// (and this repository's own, beside dist/): 12 million instructions, 2 % of a one-declaration `copis validate`, and
// code from outside the bundle in every run (docs/performance.md, "Fifth round: the start and the end"). Without the probe, fdir's `glob()`
// would say "Please specify a glob function". Should fdir's text change, the build fails here, saying so: then look
// again whether the change is still needed.
import { readFile } from 'node:fs/promises';

const PROBE = `try {
\t__require.resolve("picomatch");
\tpm = __require("picomatch");
} catch {}
`;

/** fdir's dist/index.mjs, `text`, without its probe for picomatch; throws when the probe is not there as expected. */
export function patchedFdirText(text, file = 'fdir/dist/index.mjs') {
    if (text.split(PROBE).length !== 2 || !text.includes('let pm = null;')) {
        throw new Error(`scripts/fdir-start.mjs: ${file} no longer has the probe for picomatch it takes out (another fdir?); check whether the change is still needed, and update or remove it`);
    }
    return text.replace(PROBE, '');
}

/** The esbuild plugin. */
export const fdirStart = {
    name: 'fdir-start',
    setup(build) {
        build.onLoad({ filter: /[\\/]node_modules[\\/]fdir[\\/]dist[\\/]index\.mjs$/ }, async args => ({
            contents: patchedFdirText(await readFile(args.path, 'utf8'), args.path),
            loader: 'js'
        }));
    }
};
