// Preloaded into a measured process: when it exits, writes its peak resident memory (bytes) and the CPU
// time it used (user + system, ms, all threads: the garbage collector's helpers too) to $COPIS_BENCH_USAGE_FILE.
process.on('exit', () => {
    const file = process.env.COPIS_BENCH_USAGE_FILE;
    if (!file) return;
    const usage = process.resourceUsage();
    require('node:fs').writeFileSync(file, JSON.stringify({ rss: usage.maxRSS * 1024, cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000 }));
});
