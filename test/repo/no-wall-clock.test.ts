/**
 * No test asserts wall-clock time: the suite runs on 2 shared cores, next to a second full
 * test run, where any time budget can be blown. Tests count calls, requests, bytes or the
 * order of events; time is measured by `npm run bench` only.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/astro-build.js';

const TEST_DIR = join(REPO_ROOT, 'test');
/** An assertion on a clock reading or a duration computed from one. */
const TIMED_ASSERTION =
  /expect\([^;]*(?:Date\.now\(\)|performance\.now\(\)|\belapsed\w*|\bdurationMs\b|\b\w+Ms\b\s*\)\.toBe(?:Less|Greater))/;

async function testSources(): Promise<string[]> {
  const entries = await readdir(TEST_DIR, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && /\.ts$/.test(e.name))
    .map((e) => join(e.parentPath, e.name))
    .filter((path) => !relative(TEST_DIR, path).startsWith('bench/'));
}

describe('the test suite', () => {
  it('asserts no wall-clock time', async () => {
    const offenders: string[] = [];
    for (const path of await testSources()) {
      if (path.endsWith('no-wall-clock.test.ts')) continue;
      const lines = (await readFile(path, 'utf8')).split('\n');
      lines.forEach((line, i) => {
        if (TIMED_ASSERTION.test(line)) offenders.push(`${relative(REPO_ROOT, path)}:${i + 1}: ${line.trim()}`);
      });
    }
    expect(offenders).toEqual([]);
  });

  it('the rule recognises timed assertions', () => {
    expect(TIMED_ASSERTION.test('expect(Date.now() - started).toBeLessThan(1000);')).toBe(true);
    expect(TIMED_ASSERTION.test('    expect(elapsed).toBeGreaterThan(350);')).toBe(true);
    expect(TIMED_ASSERTION.test('    expect(apiMs).toBeGreaterThanOrEqual(145);')).toBe(true);
    expect(TIMED_ASSERTION.test('    expect(requests).toHaveLength(5);')).toBe(false);
  });
});
