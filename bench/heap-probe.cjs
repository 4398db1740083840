// Preloaded into the measured language server (with --expose-gc): on SIGUSR2 it collects all
// garbage and writes process.memoryUsage() to $COPIS_BENCH_HEAP_FILE, so the benchmark can read
// the live heap at moments it chooses without a request of its own in the server.
process.on('SIGUSR2', () => {
    global.gc();
    global.gc();
    require('node:fs').writeFileSync(process.env.COPIS_BENCH_HEAP_FILE, JSON.stringify(process.memoryUsage()));
});
