/**
 * A first build whose media host cannot be reached: image-size probes stop after a few
 * connection failures in a row (one warning naming the host), the site is published
 * without those sizes, and the next build tries the host again. Counted in connection
 * attempts at a real listener that drops every connection, never in seconds.
 */
import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOST_FAILURE_LIMIT } from '../../src/sync/media/host-gate.js';
import { createDemoAccount, startSimulator } from '../../src/simulator/index.js';
import type { Simulator } from '../../src/simulator/types.js';
import { astroBuild, createFixtureSite, type FixtureSite } from '../helpers/astro-build.js';
import { readDump } from './build-support.js';

let dropper: Server;
let connections = 0;
const sites: FixtureSite[] = [];

/** Accepts TCP connections and closes each at once: every probe fails at the connection level. */
function startDropper(): Promise<number> {
  dropper = createServer((socket: Socket) => {
    connections++;
    socket.destroy();
  });
  return new Promise((resolve) =>
    dropper.listen(0, '127.0.0.1', () => resolve((dropper.address() as { port: number }).port)),
  );
}

async function buildAgainst(sim: Simulator, site?: FixtureSite) {
  if (!site) sites.push((site = await createFixtureSite('basic')));
  const result = await astroBuild(site, { env: { STAGEBLOC_API_URL: sim.apiUrl, STAGEBLOC_ACCESS_TOKEN: sim.token } });
  expect(result.code, result.output).toBe(0);
  return { result, dump: await readDump(site.distDir) };
}

const unreachable = (output: string) => output.split('\n').filter((line) => line.includes('could not be reached'));
const sizeWarnings = (output: string) => output.split('\n').filter((line) => line.includes('Could not read the size'));

let dropping: Simulator;
let unresolvable: Simulator;

beforeAll(async () => {
  const port = await startDropper();
  dropping = await startSimulator({ account: createDemoAccount({ mediaBaseUrl: `http://127.0.0.1:${port}` }) });
  unresolvable = await startSimulator({
    account: createDemoAccount({ mediaBaseUrl: 'http://media.stagebloc-test.invalid' }),
  });
});

afterAll(async () => {
  await Promise.all([dropping?.close(), unresolvable?.close(), new Promise((resolve) => dropper?.close(resolve))]);
  await Promise.all(sites.map((site) => site.cleanup()));
});

describe('a media host that drops every connection', () => {
  it('is given up after a few attempts, with one warning, and the site is published without those sizes', async () => {
    const images = new Set(dropping.account.photos.flatMap((p) => p.images.map((i) => i.embed_url)));
    expect(images.size).toBeGreaterThan(100);
    connections = 0;
    const { result, dump } = await buildAgainst(dropping);
    expect(connections).toBeGreaterThan(0);
    expect(connections).toBeLessThanOrEqual(HOST_FAILURE_LIMIT);
    const warnings = unreachable(result.output);
    expect(warnings, result.output).toHaveLength(1);
    expect(warnings[0]).toContain(`127.0.0.1:${(dropper.address() as { port: number }).port}`);
    expect(sizeWarnings(result.output), result.output).toEqual([]);
    const published = dump.photos.flatMap((p) =>
      Object.values(p.data['images'] as Record<string, { url: string; width?: number }>),
    );
    expect(published.length).toBeGreaterThan(100);
    expect(published.every((image) => image.width === undefined)).toBe(true);
  });

  it('is tried again by the next build of the same site, though nothing changed on StageBloc', async () => {
    // The site of the first test: its data store and caches are kept.
    connections = 0;
    const { result } = await buildAgainst(dropping, sites[0]);
    expect(connections).toBeGreaterThan(0);
    expect(connections).toBeLessThanOrEqual(HOST_FAILURE_LIMIT);
    expect(unreachable(result.output)).toHaveLength(1);
    expect(result.output).not.toMatch(/photos: unchanged on StageBloc/);
  });
});

describe('a media host whose name does not resolve', () => {
  it('is given up with one warning naming the host and the DNS failure', async () => {
    const { result } = await buildAgainst(unresolvable);
    const warnings = unreachable(result.output);
    expect(warnings, result.output).toHaveLength(1);
    expect(warnings[0]).toMatch(/media\.stagebloc-test\.invalid.*(ENOTFOUND|EAI_AGAIN)/);
    expect(sizeWarnings(result.output)).toEqual([]);
  });
});
