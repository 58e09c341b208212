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
  /** From the first API request's arrival to the last answer's end, and how long k requests were in flight (index k). */
  pipe?: { spanMs: number; msWithInFlight: number[]; meanAnswerMs: number };
}

function pipeOf(requests: ReadonlyArray<{ receivedAt?: number; closedAt?: number }>): RequestCounts['pipe'] {
  const events: Array<[number, number]> = [];
  let answering = 0;
  for (const r of requests) {
    if (r.receivedAt === undefined || r.closedAt === undefined) continue;
    events.push([r.receivedAt, 1], [r.closedAt, -1]);
    answering += r.closedAt - r.receivedAt;
  }
  if (events.length === 0) return undefined;
  events.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const msWithInFlight: number[] = [];
  let inFlight = 0;
  for (let i = 0; i < events.length; i++) {
    inFlight += events[i]![1];
    const next = events[i + 1];
    if (next) msWithInFlight[inFlight] = (msWithInFlight[inFlight] ?? 0) + (next[0] - events[i]![0]);
  }
  return {
    spanMs: events.at(-1)![0] - events[0]![0],
    msWithInFlight: Array.from(msWithInFlight, (ms) => ms ?? 0),
    meanAnswerMs: answering / (events.length / 2),
  };
}

let sim: Simulator | undefined;

function counts(): RequestCounts {
  const byEndpoint: Record<string, number> = {};
  let failed = 0;
  for (const request of sim!.requests) {
    byEndpoint[request.endpoint] = (byEndpoint[request.endpoint] ?? 0) + 1;
    if (request.status !== 200) failed++;
  }
  const pipe = pipeOf(sim!.requests);
  return {
    total: sim!.requests.length,
    failed,
    byEndpoint,
    media: sim!.mediaRequests.length,
    ...(pipe ? { pipe } : {}),
  };
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
