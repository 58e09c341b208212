/**
 * The upload progress bar in a real terminal: the CLI runs inside tmux (a
 * pseudo-terminal, so stderr is a TTY) and the test reads the screen while the
 * upload crawls through a throttling proxy to the simulator.
 */
import { spawnSync } from 'node:child_process';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../src/simulator/index.js';
import { makeTempDir, writeSparseWav } from '../helpers/audio-files.js';
import { cliMain, ensureBuilt } from './helpers/cli-process.js';

const hasTmux = spawnSync('tmux', ['-V']).status === 0;
if (!hasTmux) console.warn('SKIPPED: the terminal progress-bar test needs tmux (apt-get install -y tmux).');

const SOCKET = `stagebloc-cli-test-${process.pid}`;
const tmux = (...args: string[]) => spawnSync('tmux', ['-L', SOCKET, '-f', '/dev/null', ...args], { encoding: 'utf8' });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Forwards to `target`, letting request bytes through at about `bytesPerSecond`. */
async function throttlingProxy(targetPort: number, bytesPerSecond: number): Promise<Server> {
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = createConnection(targetPort, '127.0.0.1');
    sockets.add(client).add(upstream);
    const tickMs = 50;
    const perTick = Math.max(1, Math.round((bytesPerSecond * tickMs) / 1000));
    let queue: Buffer[] = [];
    let queued = 0;
    const timer = setInterval(() => {
      let budget = perTick;
      while (budget > 0 && queue.length > 0) {
        const head = queue[0]!;
        const part = head.subarray(0, budget);
        upstream.write(part);
        budget -= part.length;
        queued -= part.length;
        if (part.length === head.length) queue.shift();
        else queue[0] = head.subarray(part.length);
      }
      // Back-pressure: stop reading from the CLI while a lot is waiting.
      if (queued < 4 * perTick) client.resume();
    }, tickMs);
    client.on('data', (chunk: Buffer) => {
      queue.push(chunk);
      queued += chunk.length;
      if (queued >= 4 * perTick) client.pause();
    });
    upstream.pipe(client);
    const end = () => {
      clearInterval(timer);
      queue = [];
      client.destroy();
      upstream.destroy();
    };
    client.on('close', end).on('error', end);
    upstream.on('close', end).on('error', end);
  });
  server.on('close', () => {
    for (const s of sockets) s.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

let sim: Simulator;
let proxy: Server;
let dir: string;
let removeDir: () => Promise<void>;

beforeAll(async () => {
  if (!hasTmux) return;
  await ensureBuilt();
  sim = await startSimulator({ port: 0 });
  proxy = await throttlingProxy(Number(new URL(sim.apiUrl).port), 25_000_000);
  ({ dir, remove: removeDir } = await makeTempDir('stagebloc-cli-tty-'));
});
afterAll(async () => {
  if (!hasTmux) return;
  tmux('kill-server');
  await new Promise((resolve) => proxy?.close(resolve));
  await sim?.close();
  await removeDir?.();
});

const BAR = /^\[[= >]+\] +(\d+)% +[\d.]+ (?:B|kB|MB) \/ 100\.0 MB +[\d.]+ (?:B|kB|MB)\/s +ETA (?:\d+:\d\d|--:--)$/;

describe('upload progress bar in a terminal', () => {
  it.skipIf(!hasTmux)(
    'redraws one line in place with bytes, percent, rate and ETA, then prints the final line',
    async () => {
      // 100 MB (sparse, so instant to create): about 4 s through the 25 MB/s proxy. It has to be
      // large: loopback socket buffers take several MB at once, and only the rest shows as progress.
      const file = await writeSparseWav(join(dir, 'long-take.wav'), 100_000_000);
      const apiUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}/2.0/`;
      const command = [
        'env',
        `STAGEBLOC_API_URL=${apiUrl}`,
        `STAGEBLOC_ACCESS_TOKEN=${sim.token}`,
        process.execPath,
        cliMain(),
        'upload',
        file,
        '--title',
        'Long Take',
      ]
        .map((part) => `'${part}'`)
        .join(' ');
      const started = tmux(
        'new-session',
        '-d',
        '-s',
        'upload',
        '-x',
        '120',
        '-y',
        '20',
        `${command}; echo "EXIT=$?"; sleep 60`,
      );
      expect(started.status, started.stderr).toBe(0);

      const percents = new Set<number>();
      let screen = '';
      for (const deadline = Date.now() + 40_000; Date.now() < deadline; ) {
        screen = tmux('capture-pane', '-p', '-t', 'upload').stdout;
        const lines = screen.split('\n').map((line) => line.trimEnd());
        const bars = lines.filter((line) => line.startsWith('['));
        // Redrawn in place: never more than one bar line on screen.
        expect(bars.length).toBeLessThanOrEqual(1);
        for (const bar of bars) {
          const match = BAR.exec(bar);
          expect(match, `unexpected bar line: ${bar}`).not.toBeNull();
          percents.add(Number(match![1]));
        }
        if (/EXIT=\d+/.test(screen)) break;
        await sleep(100);
      }

      expect(screen, screen).toMatch(/EXIT=0/);
      // The bar moved: several distinct in-between values were on screen.
      expect([...percents].filter((p) => p > 0 && p < 100).length).toBeGreaterThanOrEqual(3);
      const lines = screen
        .split('\n')
        .map((line) => line.trimEnd())
        .filter(Boolean);
      // The final line replaced the bar (no leftover bar text), then the created track.
      expect(lines[0]).toMatch(/^Uploaded 100\.0 MB in \d+\.\d s \([\d.]+ (?:kB|MB)\/s\)$/);
      expect(lines[1]).toMatch(/^Created track \d+: "Long Take"$/);
      expect(screen).not.toContain(sim.token);
    },
  );
});
