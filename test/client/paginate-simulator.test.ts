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
    const offsets = sim.requests.map((r) => Number(r.query.offset)).sort((a, b) => a - b);
    expect(offsets).toEqual(Array.from({ length: Math.ceil(ids.length / CAP) }, (_, i) => i * CAP));
    expect(sim.requests.every((r) => r.query.limit === '25')).toBe(true);
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
