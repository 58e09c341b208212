/**
 * Parent side of sim-process.ts: starts the simulator in a child process and asks it for
 * request counts and account edits. close() ends the child.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { AccountCounts } from './account.js';
import type { AccountChange, ChangeSummary } from './account-changes.js';
import { track, TS_EXEC_ARGV } from './processes.js';
import type { RequestCounts, SimRequest } from './sim-process.js';

export interface SimulatorHandle {
  apiUrl: string;
  /** Where the simulator serves media files (its own port). */
  mediaOrigin: string;
  /** Passed to sync children through their environment, never printed. */
  token: string;
  sizes: AccountCounts;
  requests(): Promise<RequestCounts>;
  clearRequests(): Promise<void>;
  change(change: AccountChange): Promise<ChangeSummary>;
  close(): Promise<void>;
}

export interface SimulatorSpec {
  latencyMs: number;
  /** Delay on every media-origin request (a CDN round trip); default 0. */
  mediaLatencyMs?: number;
  /** Explicit collection sizes; default the simulator's own demo account. */
  counts?: AccountCounts;
  seed?: number;
}

const SCRIPT = fileURLToPath(new URL('./sim-process.ts', import.meta.url));

export async function startSimulatorProcess(spec: SimulatorSpec): Promise<SimulatorHandle> {
  const child = track(fork(SCRIPT, [], { execArgv: TS_EXEC_ARGV, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }));
  let nextId = 0;
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  child.on('message', (message: { id: number; value?: unknown; error?: string }) => {
    const waiter = pending.get(message.id);
    pending.delete(message.id);
    if (message.error !== undefined) waiter?.reject(new Error(`simulator process: ${message.error}`));
    else waiter?.resolve(message.value);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.once('exit', (code) => {
    for (const waiter of pending.values()) waiter.reject(new Error(`the simulator process exited (${code})`));
    pending.clear();
  });
  const ask = <R>(request: SimRequest): Promise<R> =>
    new Promise<R>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      child.send({ ...request, id });
    });

  const started = await ask<{ apiUrl: string; mediaOrigin: string; token: string; sizes: AccountCounts }>({
    type: 'start',
    latencyMs: spec.latencyMs,
    mediaLatencyMs: spec.mediaLatencyMs ?? 0,
    seed: spec.seed ?? 1,
    ...(spec.counts ? { counts: spec.counts } : {}),
  });
  return {
    ...started,
    requests: () => ask<RequestCounts>({ type: 'requests' }),
    clearRequests: () => ask<void>({ type: 'clear' }),
    change: (change) => ask<ChangeSummary>({ type: 'change', change }),
    async close() {
      if (child.exitCode !== null) return;
      await ask<void>({ type: 'close' }).catch(() => undefined);
      child.disconnect();
      await exited;
    },
  };
}
