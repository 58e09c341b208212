/**
 * The fault matrix: one row per injected fault, asserting the outcome and the
 * exact number of requests the simulator saw (retried, not retried, fail fast,
 * timeout). Decision recorded here and in transport.ts: a body cut short of its
 * Content-Length (or a reset mid-body) is a network failure and is retried; a
 * complete body that does not parse is the server's answer and is not.
 *
 * Every row runs with a canary token; after the matrix, every log line and
 * every error (message, stack, JSON, cause) is searched for it. Two literal
 * canaries, strings no other code could produce by accident: the token the
 * simulator is started with and accepts (so it travels through every success
 * and retry path), and a recognisable fake that it rejects.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, type StageBlocClient, type StageBlocClientOptions } from '../../src/client/client.js';
import {
  StageBlocApiError,
  StageBlocAuthError,
  StageBlocNetworkError,
  StageBlocParseError,
  StageBlocRateLimitError,
  StageBlocResponseTooLargeError,
  StageBlocTimeoutError,
  type StageBlocError,
} from '../../src/client/errors.js';
import type { Format } from '../../src/client/model.js';
import { startSimulator } from '../../src/simulator/index.js';
import type { Fault, Simulator } from '../../src/simulator/types.js';
import { makeTempDir, writeWav } from '../helpers/audio-files.js';

const CANARY = 'CANARY-TOKEN-7f3e9a1c';
const FAKE_CANARY = 'CANARY-REJECTED-TOKEN-2b6d0e95';
const RETRIES = 3;

let sim: Simulator;
let tmp: Awaited<ReturnType<typeof makeTempDir>>;
let wavFile = '';
const captured: string[] = [];

beforeAll(async () => {
  sim = await startSimulator({ port: 0, seed: 13, accessToken: CANARY });
  tmp = await makeTempDir();
  wavFile = await writeWav(join(tmp.dir, 'fault.wav'));
});
afterAll(async () => {
  await sim?.close();
  await tmp?.remove();
});

type ErrorClass = abstract new (...args: never[]) => StageBlocError;

interface Row {
  name: string;
  faults?: () => Fault[];
  options?: Partial<StageBlocClientOptions>;
  run?: (client: StageBlocClient) => Promise<unknown>;
  /** The endpoint whose requests are counted. */
  endpoint?: string;
  formats?: Format[];
  outcome: 'ok' | ErrorClass;
  requests: number;
  /** `logs`: what the client logged for this row (waits are read from its retry lines, not timed). */
  check?: (error: unknown, logs: string[]) => void;
}

const upload = (client: StageBlocClient) => client.tracks.edit({ title: 'Fault row', file: wavFile });

const ROWS: Row[] = [
  {
    name: '503 burst then success → retried',
    faults: () => [{ kind: 'status', status: 503, times: 2 }],
    outcome: 'ok',
    requests: 3,
  },
  {
    name: '503 forever → retries + 1 requests, then StageBlocApiError',
    faults: () => [{ kind: 'status', status: 503, times: Infinity }],
    outcome: StageBlocApiError,
    requests: RETRIES + 1,
    check: (e) => expect((e as StageBlocApiError).status).toBe(503),
  },
  { name: '500 once → retried', faults: () => [{ kind: 'status', status: 500 }], outcome: 'ok', requests: 2 },
  { name: '408 once → retried', faults: () => [{ kind: 'status', status: 408 }], outcome: 'ok', requests: 2 },
  {
    name: '429 Retry-After: 1 (seconds, within cap) → waits, retried',
    faults: () => [{ kind: 'rate-limit', retryAfter: '1' }],
    outcome: 'ok',
    requests: 2,
    check: (_e, logs) => expect(logs).toContainEqual(expect.stringMatching(/retrying in 1000 ms/)),
  },
  {
    name: '429 Retry-After HTTP-date (within cap) → waits, retried',
    faults: () => [{ kind: 'rate-limit', retryAfter: new Date(Date.now() + 1500).toUTCString() }],
    outcome: 'ok',
    requests: 2,
  },
  {
    name: '429 Retry-After: 120 (beyond cap) → fail fast, 1 request',
    faults: () => [{ kind: 'rate-limit', retryAfter: '120' }],
    outcome: StageBlocRateLimitError,
    requests: 1,
    check: (e, logs) => {
      expect((e as StageBlocRateLimitError).retryAfterMs).toBe(120_000);
      expect((e as Error).message).toMatch(/120 s .*maxRetryAfterMs/);
      expect(logs.filter((line) => /retrying in/.test(line))).toEqual([]);
    },
  },
  {
    name: '429 Retry-After HTTP-date an hour away (beyond cap) → fail fast, 1 request',
    faults: () => [{ kind: 'rate-limit', retryAfter: new Date(Date.now() + 3_600_000).toUTCString() }],
    outcome: StageBlocRateLimitError,
    requests: 1,
  },
  {
    name: '429 Retry-After: 0 forever → StageBlocRateLimitError after retries + 1',
    faults: () => [{ kind: 'rate-limit', retryAfter: '0', times: Infinity }],
    outcome: StageBlocRateLimitError,
    requests: RETRIES + 1,
  },
  {
    name: '400 → not retried',
    faults: () => [{ kind: 'status', status: 400 }],
    outcome: StageBlocApiError,
    requests: 1,
    check: (e) => expect((e as StageBlocApiError).status).toBe(400),
  },
  {
    name: '404 → not retried',
    faults: () => [{ kind: 'status', status: 404 }],
    outcome: StageBlocApiError,
    requests: 1,
    check: (e) => expect((e as StageBlocApiError).status).toBe(404),
  },
  {
    name: 'stalled body forever → per-attempt timeout, retried, then StageBlocTimeoutError',
    faults: () => [{ kind: 'stall', phase: 'body', times: Infinity }],
    // Timeouts leave room for a loaded machine; one retry is enough to show the pattern.
    options: { timeoutMs: 400, retries: 1 },
    outcome: StageBlocTimeoutError,
    requests: 2,
    check: (e) => expect((e as StageBlocTimeoutError).attempts).toBe(2),
  },
  {
    name: 'stalled before headers once → timeout, retried, success',
    faults: () => [{ kind: 'stall', phase: 'headers' }],
    // The retry must succeed, so its timeout leaves room for a loaded machine.
    options: { timeoutMs: 1500 },
    outcome: 'ok',
    requests: 2,
  },
  {
    name: 'slow body forever → the per-attempt timeout covers the body too',
    faults: () => [{ kind: 'slow-body', bytesPerSecond: 256, times: Infinity }],
    options: { timeoutMs: 400, retries: 1 },
    outcome: StageBlocTimeoutError,
    requests: 2,
  },
  {
    name: 'truncated body once → network failure, retried, success',
    faults: () => [{ kind: 'truncate' }],
    formats: ['json', 'xml'],
    outcome: 'ok',
    requests: 2,
  },
  {
    name: 'truncated body forever → StageBlocNetworkError after retries + 1',
    faults: () => [{ kind: 'truncate', times: Infinity }],
    outcome: StageBlocNetworkError,
    requests: RETRIES + 1,
  },
  {
    name: 'malformed body → StageBlocParseError, not retried',
    faults: () => [{ kind: 'malformed' }],
    formats: ['json', 'xml'],
    outcome: StageBlocParseError,
    requests: 1,
  },
  { name: 'connection reset once → retried, success', faults: () => [{ kind: 'reset' }], outcome: 'ok', requests: 2 },
  {
    name: 'connection reset forever → StageBlocNetworkError after retries + 1',
    faults: () => [{ kind: 'reset', times: Infinity }],
    outcome: StageBlocNetworkError,
    requests: RETRIES + 1,
    check: (e) => expect((e as StageBlocNetworkError).attempts).toBe(RETRIES + 1),
  },
  {
    name: 'response over maxResponseBytes → StageBlocResponseTooLargeError, not retried',
    options: { maxResponseBytes: 2048 },
    run: (c) => c.tracks.list({ limit: 40 }),
    outcome: StageBlocResponseTooLargeError,
    requests: 1,
  },
  {
    name: 'POST /audio/edit answered 503 → not retried',
    faults: () => [{ kind: 'status', status: 503, path: '/audio/edit', times: Infinity }],
    run: upload,
    endpoint: '/audio/edit',
    outcome: StageBlocApiError,
    requests: 1,
  },
  {
    name: 'POST /audio/edit connection reset → not retried',
    faults: () => [{ kind: 'reset', path: '/audio/edit', times: Infinity }],
    run: upload,
    endpoint: '/audio/edit',
    outcome: StageBlocNetworkError,
    requests: 1,
  },
  {
    name: 'rejected token → StageBlocAuthError, not retried',
    options: { accessToken: FAKE_CANARY },
    outcome: StageBlocAuthError,
    requests: 1,
  },
];

const cases = ROWS.flatMap((row) =>
  (row.formats ?? ['json']).map((format) => ({ ...row, format, label: `${row.name} [${format}]` })),
);

describe('fault matrix', () => {
  it.each(cases)('$label', async (row) => {
    sim.clearFaults();
    sim.clearRequests();
    for (const fault of row.faults?.() ?? []) sim.injectFault({ path: '/audio/list', ...fault });
    const client = createClient({
      accessToken: CANARY,
      baseUrl: sim.apiUrl,
      format: row.format,
      retries: RETRIES,
      retryBaseDelayMs: 5,
      timeoutMs: 2000,
      maxRetryAfterMs: 3000,
      onLog: (event) => captured.push(event.message),
      ...row.options,
    });
    const logsBefore = captured.length;
    let error: unknown;
    let result: unknown;
    try {
      result = await (row.run ?? ((c: StageBlocClient) => c.tracks.list({ limit: 5 })))(client);
    } catch (e) {
      error = e;
      captureError(e);
    } finally {
      sim.clearFaults();
    }

    if (row.outcome === 'ok') {
      expect(error).toBeUndefined();
      expect((result as { items: unknown[] }).items).toHaveLength(5);
    } else {
      expect(error).toBeInstanceOf(row.outcome);
    }
    const endpoint = row.endpoint ?? '/audio/list';
    // A stalled or reset request may be logged before its status is known; count them all.
    expect(sim.requests.filter((r) => r.endpoint === endpoint)).toHaveLength(row.requests);
    row.check?.(error, captured.slice(logsBefore));
  });

  it('never shows the canary token in any log line or error', () => {
    expect(captured.length).toBeGreaterThan(cases.length);
    // The logs did describe the failures, so the search is over real text.
    expect(captured.some((m) => /retrying/.test(m))).toBe(true);
    // The accepted token really is the canary (the 'ok' rows succeeded with it).
    expect(sim.token).toBe(CANARY);
    // The hex tails catch a partial leak too (a prefix mask, a truncated header dump).
    const needles = [CANARY, FAKE_CANARY, '7f3e9a1c', '2b6d0e95'];
    const leaks = captured.filter((text) => needles.some((needle) => text.includes(needle)));
    expect(leaks).toEqual([]);
  });
});

function captureError(error: unknown): void {
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (current !== undefined && current !== null && !seen.has(current)) {
    seen.add(current);
    captured.push(String(current));
    if (current instanceof Error) {
      captured.push(current.message, current.stack ?? '', JSON.stringify(current), String(current.cause));
      for (const value of Object.values(current)) if (typeof value === 'string') captured.push(value);
      current = current.cause;
    } else {
      captured.push(JSON.stringify(current) ?? '');
      break;
    }
  }
}
