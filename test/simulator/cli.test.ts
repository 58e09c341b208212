/**
 * `stagebloc simulator`: the two shell-usable lines, flags (faults included),
 * and stopping on a signal.
 */
import { spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runSimulatorCli, SIMULATOR_USAGE } from '../../src/simulator/cli.js';
import { createDemoAccount, parseFaultSpec, type Simulator } from '../../src/simulator/index.js';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  let stop!: () => void;
  const stopSignal = new Promise<void>((resolve) => (stop = resolve));
  let listening!: (sim: Simulator) => void;
  const started = new Promise<Simulator>((resolve) => (listening = resolve));
  return {
    out,
    err,
    stop,
    started,
    io: { stdout: (t: string) => out.push(t), stderr: (t: string) => err.push(t), stopSignal, onListening: listening },
  };
}

describe('runSimulatorCli', () => {
  it('prints exactly the two lines, honours --seed/--fault/--page-size-cap, and stops when told', async () => {
    const c = capture();
    const run = runSimulatorCli(
      [
        '--port',
        '0',
        '--seed',
        '9',
        '--page-size-cap',
        '3',
        '--quiet',
        '--fault',
        'status:status=503,times=1,path=/audio/list',
        '--fault',
        'rate-limit:retryAfter=2,path=/blog',
      ],
      c.io,
    );
    const sim = await c.started;
    const lines = c.out.join('').split('\n').filter(Boolean);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^STAGEBLOC_API_URL=http:\/\/127\.0\.0\.1:\d+\/2\.0\/$/);
    expect(lines[1]).toBe(`STAGEBLOC_ACCESS_TOKEN=${sim.token}`);
    const apiUrl = lines[0]!.slice('STAGEBLOC_API_URL='.length);
    const token = lines[1]!.slice('STAGEBLOC_ACCESS_TOKEN='.length);
    const get = (path: string) => fetch(new URL(path, apiUrl), { headers: { Authorization: `OAuth ${token}` } });
    expect((await get('audio/list.json')).status).toBe(503);
    const ok = await get('audio/list.json?limit=10');
    expect(ok.status).toBe(200);
    expect((JSON.parse(await ok.text()) as { response: { items: unknown[] } }).response.items).toHaveLength(3);
    const limited = await get('blog/list.json');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('2');
    await limited.text();
    c.stop();
    await run;
    await expect(get('audio/list.json')).rejects.toThrow();
    expect(c.err.join('')).toContain(sim.mediaOrigin);
    expect(c.err.join('')).toContain(
      `--client-id ${sim.clientId} --client-secret ${sim.clientSecret} --connect-url ${sim.origin}/connect`,
    );
  });

  it('--now sets the clock: the tour is dated around its day and it decides which shows are past', async () => {
    const c = capture();
    const run = runSimulatorCli(['--port', '0', '--quiet', '--now', '2026-12-06T12:00:00Z'], c.io);
    const sim = await c.started;
    const expected = createDemoAccount({
      mediaBaseUrl: sim.mediaOrigin,
      now: Date.parse('2026-12-06T12:00:00Z'),
    }).events;
    expect(sim.account.events).toEqual(expected);
    const res = await fetch(new URL('events/list.json?limit=100', sim.apiUrl), {
      headers: { Authorization: `OAuth ${sim.token}` },
    });
    const upcoming = (JSON.parse(await res.text()) as { response: { items: Array<{ item: { start_date: string } }> } })
      .response.items;
    expect(upcoming.length).toBeGreaterThan(0);
    for (const { item } of upcoming) expect(item.start_date > '2026-12-06 12:00:00').toBe(true);
    c.stop();
    await run;
    await expect(runSimulatorCli(['--port', '0', '--now', 'someday'], capture().io)).rejects.toThrow(
      /now must be a date/,
    );
  });

  it('--help prints usage and starts nothing; bad flags throw', async () => {
    const c = capture();
    await runSimulatorCli(['--help'], c.io);
    expect(c.out.join('')).toBe(SIMULATOR_USAGE);
    expect(SIMULATOR_USAGE).toContain('4455');
    await expect(runSimulatorCli(['--port', 'abc'], c.io)).rejects.toThrow(/--port/);
    await expect(runSimulatorCli(['--bogus'], c.io)).rejects.toThrow();
    await expect(runSimulatorCli(['--fault', 'explode'], c.io)).rejects.toThrow(/unknown fault kind/);
  });
});

describe('parseFaultSpec', () => {
  it('reads kind and key=value options', () => {
    expect(parseFaultSpec('rate-limit:times=3,retryAfter=1')).toEqual({
      kind: 'rate-limit',
      times: 3,
      retryAfter: '1',
    });
    expect(parseFaultSpec('status:status=503,times=2,path=/audio/list')).toEqual({
      kind: 'status',
      status: 503,
      times: 2,
      path: '/audio/list',
    });
    expect(parseFaultSpec('reset')).toEqual({ kind: 'reset' });
    expect(parseFaultSpec('latency:delayMs=50,times=Infinity')).toEqual({
      kind: 'latency',
      delayMs: 50,
      times: Infinity,
    });
    expect(parseFaultSpec('stall:phase=headers,skip=2')).toEqual({ kind: 'stall', phase: 'headers', skip: 2 });
    expect(parseFaultSpec('slow-body:bytesPerSecond=100')).toEqual({ kind: 'slow-body', bytesPerSecond: 100 });
  });

  it.each(['boom', 'status:status=abc', 'status:colour=red', 'status:times', 'stall:phase=later'])(
    'rejects %s',
    (spec) => {
      expect(() => parseFaultSpec(spec)).toThrow();
    },
  );
});

// The built CLI module, run as its own process, stopped with SIGTERM. `npm test` builds first;
// a bare `vitest run` without a fresh build skips this rather than test stale code.
const built = fileURLToPath(new URL('../../dist/simulator/cli.js', import.meta.url));
const source = fileURLToPath(new URL('../../src/simulator/cli.ts', import.meta.url));
const fresh = existsSync(built) && statSync(built).mtimeMs >= statSync(source).mtimeMs;

describe.skipIf(!fresh)('the built CLI in a child process', () => {
  it('prints the two lines on stdout and exits 0 on SIGTERM', async () => {
    const child = spawn(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `import(${JSON.stringify(built)}).then((m) => m.runSimulatorCli(['--port', '0', '--quiet']))`,
      ],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    child.stdout.setEncoding('utf8');
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: string) => {
        stdout += chunk;
        if (stdout.split('\n').length >= 3) resolve();
      });
      child.once('exit', (code) => reject(new Error(`exited early with ${code}`)));
    });
    const [urlLine, tokenLine] = stdout.trim().split('\n');
    const apiUrl = urlLine!.split('=')[1]!;
    const res = await fetch(new URL('photos/albums/list.xml', apiUrl), {
      headers: { Authorization: `Bearer ${tokenLine!.split('=')[1]}` },
    });
    expect(res.status).toBe(200);
    await res.text();
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
