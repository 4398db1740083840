// Preloaded into the measured process: reports its peak resident memory when it exits.
process.on('exit', () => {
    const file = process.env.COPIS_BENCH_RSS_FILE;
    if (file) require('node:fs').writeFileSync(file, String(process.resourceUsage().maxRSS * 1024));
});
