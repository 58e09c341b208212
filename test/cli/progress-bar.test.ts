import { describe, expect, it } from 'vitest';
import { createProgressReporter, renderProgressLine } from '../../src/cli/progress-bar.js';

describe('renderProgressLine', () => {
  it('shows bar, percent, bytes, rate and ETA', () => {
    // 4.5 MB of 10 MB in 3 s: 1.5 MB/s, 5.5 MB left → 4 s (3.67 rounded).
    const line = renderProgressLine({ sentBytes: 4_500_000, totalBytes: 10_000_000 }, 3000, 100);
    expect(line).toMatch(/^\[=+>\s*\]/);
    expect(line).toContain(' 45%');
    expect(line).toContain('4.5 MB / 10.0 MB');
    expect(line).toContain('1.5 MB/s');
    expect(line).toContain('ETA 0:04');
    const bar = /^\[([^\]]*)\]/.exec(line)![1]!;
    expect(bar.indexOf('>')).toBe(Math.floor(0.45 * bar.length));
  });

  it('fits narrow terminals and never exceeds the width', () => {
    for (const columns of [20, 40, 60, 80, 200]) {
      const line = renderProgressLine({ sentBytes: 1, totalBytes: 3 }, 10, columns);
      expect(line.length).toBeLessThan(columns);
    }
  });

  it('has no ETA before any time has passed, and a full bar at the end', () => {
    expect(renderProgressLine({ sentBytes: 0, totalBytes: 10 }, 0, 80)).toContain('ETA --:--');
    expect(renderProgressLine({ sentBytes: 10, totalBytes: 10 }, 1000, 80)).toMatch(/^\[=+\] 100%/);
  });
});

function fakeStream(isTTY: boolean) {
  const chunks: string[] = [];
  return { chunks, stream: { isTTY, columns: 80, write: (c: string) => chunks.push(c) } };
}

describe('createProgressReporter', () => {
  it('redraws in place on a TTY, throttled, and ends with a summary line', () => {
    let now = 0;
    const { chunks, stream } = fakeStream(true);
    const reporter = createProgressReporter(stream, () => now);
    for (let sent = 0; sent <= 100; sent += 10) {
      now += 50; // two updates per redraw interval
      reporter.update({ sentBytes: sent * 1000, totalBytes: 100_000 });
    }
    reporter.done();
    const draws = chunks.filter((c) => c.startsWith('\r['));
    expect(draws.length).toBeGreaterThan(3);
    expect(draws.length).toBeLessThan(11);
    expect(chunks.every((c) => !c.slice(0, -1).includes('\n'))).toBe(true);
    expect(chunks.at(-1)).toMatch(/^\rUploaded 100\.0 kB in 0\.6 s \(.+\/s\)\x1b\[K\n$/);
  });

  it('prints plain lines at 25% steps when not a TTY', () => {
    const { chunks, stream } = fakeStream(false);
    const reporter = createProgressReporter(stream, () => 1000);
    for (let sent = 0; sent <= 100; sent += 5) reporter.update({ sentBytes: sent, totalBytes: 100 });
    reporter.done();
    expect(chunks.join('')).not.toContain('\r');
    expect(chunks.filter((c) => c.startsWith('upload:')).map((c) => c.slice(0, 12))).toEqual([
      'upload: 25% ',
      'upload: 50% ',
      'upload: 75% ',
    ]);
    expect(chunks.at(-1)).toMatch(/^Uploaded 100 B/);
  });
});
