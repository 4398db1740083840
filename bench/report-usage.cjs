// Preloaded into the measured process: reports its peak resident memory and the CPU time it used
// (user + system, in ms) when it exits. CPU time says what a run costs even when other work on the
// machine stretches its wall time.
process.on('exit', () => {
    const file = process.env.COPIS_BENCH_USAGE_FILE;
    if (!file) return;
    const usage = process.resourceUsage();
    require('node:fs').writeFileSync(file, JSON.stringify({ rss: usage.maxRSS * 1024, cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000 }));
});
