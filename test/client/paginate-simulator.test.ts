/**
 * Pagination against a simulator that caps page sizes and whose data changes
 * mid-walk.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '../../src/client/client.js';
import { StageBlocPaginationError } from '../../src/client/errors.js';
import type { Format } from '../../src/client/model.js';
import { startSimulator } from '../../src/simulator/index.js';
import type { Simulator } from '../../src/simulator/types.js';

const CAP = 7;
let sim: Simulator;

beforeAll(async () => {
  sim = await startSimulator({ port: 0, seed: 3, pageSizeCap: CAP });
});
afterAll(async () => {
  await sim?.close();
});

describe.each(['json', 'xml'] as Format[])('paginate over the simulator (%s)', (format) => {
  it('advances by the items actually received when the server caps limit', async () => {
    const client = createClient({ accessToken: sim.token, baseUrl: sim.apiUrl, format });
    sim.clearRequests();
    const ids: number[] = [];
    for await (const photo of client.photos.all({ pageSize: 25 })) ids.push(photo.id);
    expect(ids).toHaveLength(sim.account.photos.length);
    expect(new Set(ids).size).toBe(ids.length);
    // Pages after the first are requested concurrently, so they may reach the server in any order:
    // each multiple of the real page size, exactly once, is the property.
    // (Only this walk's endpoint: pages another test's failed walk had in flight may still arrive.)
    const requests = sim.requests.filter((r) => r.endpoint === '/photos/list');
    const offsets = requests.map((r) => Number(r.query.offset)).sort((a, b) => a - b);
    expect(offsets).toEqual(Array.from({ length: Math.ceil(ids.length / CAP) }, (_, i) => i * CAP));
    expect(requests.every((r) => r.query.limit === '25')).toBe(true);
  });

  it('sends none of the pages requested ahead once the consumer stops', async () => {
    // Three slots, so of the six pages requested after the first, three wait for a slot. The
    // second page comes back at once (it reuses the first page's connection); the rest are slow.
    const slow = await startSimulator({ port: 0, seed: 3, pageSizeCap: CAP });
    slow.injectFault({ kind: 'latency', delayMs: 300, path: '/photos/list', skip: 2, times: Infinity });
    try {
      const client = createClient({ accessToken: slow.token, baseUrl: slow.apiUrl, format, concurrency: 3 });
      let seen = 0;
      // Stop at the first item of the second page.
      for await (const photo of client.photos.all({ pageSize: 25 })) if (photo && ++seen > CAP) break;
      await new Promise((resolve) => setTimeout(resolve, 700));
      // Sent: the first page, the three that had slots, and the one that took the second
      // page's slot. Never sent: the two still waiting when the walk stopped (7 without cancelling).
      expect(slow.requests.length).toBe(5);
    } finally {
      await slow.close();
    }
  });

  it('fails with StageBlocPaginationError when total changes mid-walk', async () => {
    const client = createClient({ accessToken: sim.token, baseUrl: sim.apiUrl, format });
    const tracks = sim.account.tracks;
    const original = tracks.length;
    const seen: number[] = [];
    try {
      const walk = (async () => {
        for await (const track of client.tracks.all({ pageSize: 5 })) {
          seen.push(track.id);
          if (seen.length === 3) tracks.push({ ...tracks[0]!, id: 777_777, title: 'Added mid-walk' });
        }
      })();
      await expect(walk).rejects.toBeInstanceOf(StageBlocPaginationError);
      await expect(walk).rejects.toThrow(/changed from \d+ to \d+/);
      expect(seen.length).toBeLessThan(original);
      expect(new Set(seen).size).toBe(seen.length);
    } finally {
      const i = tracks.findIndex((t) => t.id === 777_777);
      if (i >= 0) tracks.splice(i, 1);
    }
  });
});
