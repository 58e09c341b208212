/**
 * Real builds against a simulator that answers like another implementation of the same
 * docs: nested lists wrapped otherwise (read the same), and playlists' undocumented
 * `include_tracks` answer in a shape nobody can read, which must fall back to the
 * documented `/audio/list?playlist_id=` calls with one warning instead of failing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator } from '../../src/simulator/index.js';
import type { Simulator } from '../../src/simulator/types.js';
import { astroBuild, createFixtureSite, type AstroBuildResult, type FixtureSite } from '../helpers/astro-build.js';
import { readDump, type Dump } from './build-support.js';

let sim: Simulator;
const sites: FixtureSite[] = [];
let reference: Dump;
const variants: Record<'json' | 'xml', { build: AstroBuildResult; dump: Dump; requests: Simulator['requests'] }> =
  {} as never;

async function build(format: 'json' | 'xml') {
  const site = await createFixtureSite('basic');
  sites.push(site);
  sim.clearRequests();
  const result = await astroBuild(site, {
    env: { STAGEBLOC_API_URL: sim.apiUrl, STAGEBLOC_ACCESS_TOKEN: sim.token, STAGEBLOC_FORMAT: format },
  });
  expect(result.code, result.output).toBe(0);
  return { build: result, dump: await readDump(site.distDir), requests: [...sim.requests] };
}

beforeAll(async () => {
  sim = await startSimulator();
  reference = (await build('json')).dump;
  // Images in `item`, playlist tracks in `<song>`: the first is a plausible reading, the second is not.
  sim.listWrapping = { images: 'item', tracks: 'song' };
  variants.json = await build('json');
  variants.xml = await build('xml');
});

afterAll(async () => {
  await sim?.close();
  await Promise.all(sites.map((site) => site.cleanup()));
});

const FALLBACK_WARNING =
  /playlists: could not read \/audio\/playlists\/list\?include_tracks=1 .*reading each playlist's tracks from \/audio\/list\?playlist_id= instead/;

describe.each(['json', 'xml'] as const)('%s: an answer in other wrappings', (format) => {
  it('builds the same collections as the docs-shaped answer', () => {
    expect(variants[format].dump).toEqual(reference);
    expect(reference.playlists.some((p) => (p.data['tracks'] as unknown[]).length > 1)).toBe(true);
  });

  it('falls back to the documented per-playlist calls, with exactly one warning naming the endpoint', () => {
    const { build: result, requests } = variants[format];
    const warnings = result.output.split('\n').filter((line) => FALLBACK_WARNING.test(line));
    expect(warnings, result.output).toHaveLength(1);
    expect(warnings[0]).toMatch(/\[WARN\]|\bwarn\b/i);
    const perPlaylist = requests.filter((r) => r.endpoint === '/audio/list' && r.query['playlist_id'] !== undefined);
    const withTracks = sim.account.playlists.filter((p) => p.track_ids.length > 0).length;
    expect(perPlaylist).toHaveLength(withTracks);
  });
});
