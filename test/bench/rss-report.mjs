/**
 * Preloaded (`node --import`) into processes the bench cannot instrument otherwise, such
 * as `astro build`: at exit, writes the process's peak RSS (bytes) and CPU time (ms, user +
 * system, all threads) as JSON to BENCH_RSS_FILE.
 */
import { writeFileSync } from 'node:fs';

const file = process.env.BENCH_RSS_FILE;
if (file) {
  process.on('exit', () => {
    const usage = process.resourceUsage();
    writeFileSync(
      file,
      JSON.stringify({ maxRssBytes: usage.maxRSS * 1024, cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000 }),
    );
  });
}
