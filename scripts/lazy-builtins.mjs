// Node built-ins that a bundle loads the first time one of their functions is used, not when the bundle starts.
// commander imports node:child_process for subcommands that are programs of their own (copis has none), and copis
// itself only to ask git (`copis diff`, SARIF's repository root): loading it cost every `copis validate` about
// 12 million instructions (2 % of a one-declaration run; docs/performance.md, "Starting copis"). In the bundle each
// import of such a module gets, instead, an object with a getter per export that asks Node for the module then
// (`process.getBuiltinModule`, which returns the loaded one from the second time on). Sources and tests import the
// module as usual.

/** The CommonJS text of the stand-in for `name`, whose exports are `exports` (their names). */
export function lazyModuleText(name, exports) {
    const getters = exports.filter(e => e !== 'default').map(e => `    get ${JSON.stringify(e)}() { return load()[${JSON.stringify(e)}]; }`);
    return `const load = () => process.getBuiltinModule(${JSON.stringify(name)});\nmodule.exports = {\n${getters.join(',\n')}\n};\n`;
}

/** An esbuild plugin that makes every import of the built-ins `names` (as `node:…`) lazy. */
export function lazyBuiltins(names) {
    const filter = new RegExp(`^(${names.map(n => n.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|')})$`);
    return {
        name: 'lazy-builtins',
        setup(build) {
            build.onResolve({ filter }, args => ({ path: args.path, namespace: 'lazy-builtin' }));
            build.onLoad({ filter: /.*/, namespace: 'lazy-builtin' }, async args => ({
                contents: lazyModuleText(args.path, Object.keys(await import(args.path))),
                loader: 'js'
            }));
        }
    };
}
