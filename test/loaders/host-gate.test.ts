/**
 * The per-host gate of image-size probes, by counting probes: a host that has not answered
 * gets a few at a time; connection failures in a row give it up (once, one warning); any
 * answer proves it reachable; other hosts are unaffected.
 */
import { describe, expect, it } from 'vitest';
import {
  connectionFailureCode,
  createHostGate,
  HOST_FAILURE_LIMIT,
  UNPROVEN_HOST_CONCURRENCY,
} from '../../src/sync/media/host-gate.js';

const refused = () => Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
const wrapped = (code: string) =>
  new Error('Reading https://cdn.example.com/a.jpg failed', { cause: Object.assign(new Error(code), { code }) });

describe('host gate', () => {
  it('sends at most a few probes to a host that never answers, then none, with one warning', async () => {
    const warnings: string[] = [];
    const gate = createHostGate((m) => warnings.push(m));
    let sent = 0;
    let inFlight = 0;
    let most = 0;
    const probe = async () => {
      sent++;
      most = Math.max(most, ++inFlight);
      await new Promise((resolve) => setTimeout(resolve, 5));
      inFlight--;
      throw refused();
    };
    const results = await Promise.allSettled(
      Array.from({ length: 200 }, (_, i) => gate.run(`https://down.example.com/${i}.jpg`, probe)),
    );
    expect(sent).toBe(HOST_FAILURE_LIMIT);
    expect(most).toBeLessThanOrEqual(UNPROVEN_HOST_CONCURRENCY);
    expect(results.filter((r) => r.status === 'rejected')).toHaveLength(HOST_FAILURE_LIMIT);
    expect(results.filter((r) => r.status === 'fulfilled' && r.value === undefined)).toHaveLength(
      200 - HOST_FAILURE_LIMIT,
    );
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('down.example.com');
    expect(warnings[0]).toContain('ECONNREFUSED');
    expect(gate.givenUp('https://down.example.com/x.jpg')).toBe(true);
    expect(gate.givenUp('https://up.example.com/x.jpg')).toBe(false);
  });

  it('lets every probe through at full concurrency once the host has answered', async () => {
    const gate = createHostGate(() => undefined);
    let inFlight = 0;
    let most = 0;
    const probe = async () => {
      most = Math.max(most, ++inFlight);
      await new Promise((resolve) => setTimeout(resolve, 5));
      inFlight--;
      return 1;
    };
    const results = await Promise.all(
      Array.from({ length: 60 }, (_, i) => gate.run(`https://cdn.example.com/${i}.jpg`, probe)),
    );
    expect(results.every((r) => r === 1)).toBe(true);
    expect(most).toBeGreaterThan(UNPROVEN_HOST_CONCURRENCY);
  });

  it('counts only failures in a row, and an HTTP error is an answer', async () => {
    const warnings: string[] = [];
    const gate = createHostGate((m) => warnings.push(m));
    const url = 'https://flaky.example.com/a.jpg';
    for (let round = 0; round < 5; round++) {
      for (let i = 0; i < HOST_FAILURE_LIMIT - 1; i++)
        await gate.run(url, () => Promise.reject(wrapped('ECONNRESET'))).catch(() => undefined);
      await gate
        .run(url, () => Promise.reject(new Error('HTTP 404 for https://flaky.example.com/a.jpg')))
        .catch(() => undefined);
    }
    expect(warnings).toEqual([]);
    expect(gate.givenUp(url)).toBe(false);
  });

  it('recognises connection failures through cause chains, and not other errors', () => {
    expect(connectionFailureCode(wrapped('ENOTFOUND'))).toBe('ENOTFOUND');
    expect(connectionFailureCode(wrapped('UND_ERR_CONNECT_TIMEOUT'))).toBe('UND_ERR_CONNECT_TIMEOUT');
    expect(connectionFailureCode(new Error('HTTP 503'))).toBeUndefined();
    expect(connectionFailureCode(Object.assign(new Error('x'), { code: 'ERR_INVALID_URL' }))).toBeUndefined();
  });
});
