/**
 * The simulator in its own process, driven over IPC by simulator-handle.ts. Keeping the
 * server out of the measured process means its CPU time (serializing pages) and its
 * memory (the account, the request log) are not charged to the sync being measured.
 */
import { startSimulator } from '../../src/simulator/index.js';
import type { Simulator } from '../../src/simulator/types.js';
import { buildAccount, type AccountCounts } from './account.js';
import { applyChange, type AccountChange } from './account-changes.js';

export type SimRequest =
  | { type: 'start'; latencyMs: number; mediaLatencyMs?: number; seed: number; counts?: AccountCounts }
  | { type: 'requests' }
  | { type: 'clear' }
  | { type: 'change'; change: AccountChange }
  | { type: 'close' };

export interface RequestCounts {
  /** Requests to the API origin. */
  total: number;
  /** API requests answered with anything but 200. */
  failed: number;
  byEndpoint: Record<string, number>;
  /** Requests to the media origin (images, MP3s). */
  media: number;
}

let sim: Simulator | undefined;

function counts(): RequestCounts {
  const byEndpoint: Record<string, number> = {};
  let failed = 0;
  for (const request of sim!.requests) {
    byEndpoint[request.endpoint] = (byEndpoint[request.endpoint] ?? 0) + 1;
    if (request.status !== 200) failed++;
  }
  return { total: sim!.requests.length, failed, byEndpoint, media: sim!.mediaRequests.length };
}

async function handle(message: SimRequest): Promise<unknown> {
  switch (message.type) {
    case 'start': {
      sim = await startSimulator({
        port: 0,
        latencyMs: message.latencyMs,
        mediaLatencyMs: message.mediaLatencyMs ?? 0,
        seed: message.seed,
        quiet: true,
      });
      if (message.counts) sim.account = buildAccount(message.counts, message.seed, sim.mediaOrigin);
      const a = sim.account;
      return {
        apiUrl: sim.apiUrl,
        mediaOrigin: sim.mediaOrigin,
        token: sim.token,
        sizes: {
          blog: a.blog.length,
          photos: a.photos.length,
          albums: a.albums.length,
          tracks: a.tracks.length,
          playlists: a.playlists.length,
        },
      };
    }
    case 'requests':
      return counts();
    case 'clear':
      sim!.clearRequests();
      return null;
    case 'change':
      return applyChange(sim!.account, message.change);
    case 'close':
      await sim?.close();
      sim = undefined;
      return null;
  }
}

process.on('message', (message: SimRequest & { id: number }) => {
  handle(message).then(
    (value) => process.send!({ id: message.id, value }),
    (error: unknown) =>
      process.send!({ id: message.id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
  );
});
// The parent went away: stop serving and let the process end.
process.on('disconnect', () => {
  void sim?.close();
});
