import { formatBytes, formatClock, formatRate, formatSeconds } from './format.js';

export interface TransferProgress {
  sentBytes: number;
  totalBytes: number;
}

/**
 * One line of the progress bar: `[=====>    ]  45%  4.5 MB / 10.0 MB  1.2 MB/s  ETA 0:05`.
 * Pure, so it can be tested without a terminal. The bar shrinks to fit `columns`.
 */
export function renderProgressLine(progress: TransferProgress, elapsedMs: number, columns: number): string {
  const { sentBytes, totalBytes } = progress;
  const fraction = totalBytes > 0 ? Math.min(1, sentBytes / totalBytes) : 1;
  const percent = `${Math.floor(fraction * 100)}%`.padStart(4);
  const rate = elapsedMs > 0 ? (sentBytes * 1000) / elapsedMs : 0;
  const eta = rate > 0 ? formatClock((totalBytes - sentBytes) / rate) : '--:--';
  const stats = `${percent}  ${formatBytes(sentBytes)} / ${formatBytes(totalBytes)}  ${formatRate(rate)}  ETA ${eta}`;
  const barWidth = Math.min(30, columns - stats.length - 4);
  if (barWidth < 5) return stats.slice(0, Math.max(0, columns - 1));
  const filled = Math.floor(fraction * barWidth);
  const head = filled < barWidth ? '>' : '';
  const bar = '='.repeat(filled) + head + ' '.repeat(barWidth - filled - head.length);
  return `[${bar}] ${stats}`;
}

export function renderDoneLine(totalBytes: number, elapsedMs: number): string {
  const rate = elapsedMs > 0 ? (totalBytes * 1000) / elapsedMs : totalBytes;
  return `Uploaded ${formatBytes(totalBytes)} in ${formatSeconds(elapsedMs)} (${formatRate(rate)})`;
}

export interface ProgressStream {
  write(chunk: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export interface ProgressReporter {
  update(progress: TransferProgress): void;
  /** Replaces the bar with a summary line (TTY) or prints it (non-TTY). */
  done(): void;
  /** Clears a half-drawn bar so an error message starts on a clean line. */
  abort(): void;
}

const REDRAW_INTERVAL_MS = 100;
const PLAIN_STEP_PERCENT = 25;

/**
 * On a terminal the bar is redrawn in place with `\r` (at most every 100 ms);
 * elsewhere (pipes, CI logs) a plain line is printed at every 25% so logs stay short.
 */
export function createProgressReporter(stream: ProgressStream, now: () => number = Date.now): ProgressReporter {
  const startedAt = now();
  let last: TransferProgress = { sentBytes: 0, totalBytes: 0 };
  let lastDrawAt = -Infinity;
  let barVisible = false;
  let nextPlainPercent = PLAIN_STEP_PERCENT;
  const tty = stream.isTTY === true;

  const draw = () => {
    const columns = stream.columns ?? 80;
    stream.write(`\r${renderProgressLine(last, now() - startedAt, columns)}\x1b[K`);
    barVisible = true;
    lastDrawAt = now();
  };

  return {
    update(progress) {
      last = progress;
      if (tty) {
        const finished = progress.sentBytes >= progress.totalBytes;
        if (finished || now() - lastDrawAt >= REDRAW_INTERVAL_MS) draw();
        return;
      }
      const percent = progress.totalBytes > 0 ? (progress.sentBytes / progress.totalBytes) * 100 : 100;
      if (percent >= nextPlainPercent && percent < 100) {
        while (nextPlainPercent <= percent) nextPlainPercent += PLAIN_STEP_PERCENT;
        stream.write(
          `upload: ${Math.floor(percent)}% (${formatBytes(progress.sentBytes)} of ${formatBytes(progress.totalBytes)})\n`,
        );
      }
    },
    done() {
      const line = renderDoneLine(last.totalBytes, now() - startedAt);
      stream.write(tty ? `\r${line}\x1b[K\n` : `${line}\n`);
      barVisible = false;
    },
    abort() {
      if (tty && barVisible) stream.write('\n');
      barVisible = false;
    },
  };
}
