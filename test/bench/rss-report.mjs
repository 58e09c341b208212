/**
 * Preloaded (`node --import`) into processes the bench cannot instrument otherwise, such
 * as `astro build`: at exit, writes the process's peak RSS in bytes to BENCH_RSS_FILE.
 */
import { writeFileSync } from 'node:fs';

const file = process.env.BENCH_RSS_FILE;
if (file) process.on('exit', () => writeFileSync(file, String(process.resourceUsage().maxRSS * 1024)));
