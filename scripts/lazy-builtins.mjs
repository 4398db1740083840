// Node built-ins that a bundle loads the first time one of their functions is used, not when the bundle starts.
// commander imports node:child_process for subcommands that are programs of their own (copis has none), and copis
// itself only to ask git (`copis diff`, SARIF's repository root): loading it cost every `copis validate` about
// 12 million instructions (2 % of a one-declaration run; docs/performance.md, "Starting copis"). In the bundle each
// import of such a module gets, instead, an object with a getter per export that requires the module then (Node
// returns the loaded one from the second time on). `require`, not `process.getBuiltinModule`: that came in Node 22.3,
// and copis runs on 22.0. Sources and tests import the module as usual.

/** The CommonJS text of the stand-in for `name`, whose exports are `exports` (their names). */
export function lazyModuleText(name, exports) {
    const getters = exports.filter(e => e !== 'default').map(e => `    get ${JSON.stringify(e)}() { return load()[${JSON.stringify(e)}]; }`);
    return `const load = () => require(${JSON.stringify(name)});\nmodule.exports = {\n${getters.join(',\n')}\n};\n`;
}

/** An esbuild plugin that makes every import of the built-ins `names` (as `node:…`) lazy. */
export function lazyBuiltins(names) {
    const filter = new RegExp(`^(${names.map(n => n.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|')})$`);
    return {
        name: 'lazy-builtins',
        setup(build) {
            // The stand-in's own require is of the real module, which stays outside the bundle.
            build.onResolve({ filter }, args => args.namespace === 'lazy-builtin'
                ? { path: args.path, external: true }
                : { path: args.path, namespace: 'lazy-builtin' });
            build.onLoad({ filter: /.*/, namespace: 'lazy-builtin' }, async args => ({
                contents: lazyModuleText(args.path, Object.keys(await import(args.path))),
                loader: 'js'
            }));
        }
    };
}
