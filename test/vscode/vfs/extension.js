// vscode-vfs://github/copis/models/... → vscode-test-web://mount/... (the examples the runner mounts).
// test-web's own scheme counts as a trusted virtual resource; vscode-vfs (Remote Repositories) does not,
// so a folder of this scheme opens in Restricted Mode, as a cloned repository would.
const vscode = require('vscode');

const ROOT = '/copis/models';

function toMount(uri) {
    const path = uri.path.startsWith(ROOT) ? uri.path.slice(ROOT.length) : uri.path;
    return vscode.Uri.from({ scheme: 'vscode-test-web', authority: 'mount', path: path || '/' });
}

exports.activate = context => {
    const changes = new vscode.EventEmitter();
    const changed = (type, uri) => changes.fire([{ type, uri }]);
    context.subscriptions.push(vscode.workspace.registerFileSystemProvider('vscode-vfs', {
        onDidChangeFile: changes.event,
        watch: () => new vscode.Disposable(() => undefined),
        stat: uri => vscode.workspace.fs.stat(toMount(uri)),
        readDirectory: uri => vscode.workspace.fs.readDirectory(toMount(uri)),
        readFile: uri => vscode.workspace.fs.readFile(toMount(uri)),
        writeFile: async (uri, content) => {
            await vscode.workspace.fs.writeFile(toMount(uri), content);
            changed(vscode.FileChangeType.Changed, uri);
        },
        createDirectory: uri => vscode.workspace.fs.createDirectory(toMount(uri)),
        delete: async (uri, options) => {
            await vscode.workspace.fs.delete(toMount(uri), options);
            changed(vscode.FileChangeType.Deleted, uri);
        },
        rename: (from, to, options) => vscode.workspace.fs.rename(toMount(from), toMount(to), options)
    }, { isCaseSensitive: true }));
};
