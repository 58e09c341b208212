/**
 * The final docs' endpoints on the simulator, checked on the wire (raw HTTP, parsed without
 * the client) and through the client: /events/list's ordering and past/upcoming filters
 * against the simulator's clock, the demo tour's variety, videos' oEmbed iframes, the status
 * stream, /accounts/list and /oauth2/token/info in both formats.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '../../src/client/index.js';
import { createDemoAccount, startSimulator, type Simulator } from '../../src/simulator/index.js';
import { FORMATS, list } from './helpers.js';

const NOW = '2026-12-06T12:00:00Z';
const NOW_MS = Date.parse(NOW);
/** `Y-m-d H:i:s` (UTC) → ms. */
const ms = (wire: string) => Date.parse(`${wire.replace(' ', 'T')}Z`);

let sim: Simulator;

beforeAll(async () => {
  sim = await startSimulator({ now: NOW });
});
afterAll(async () => {
  await sim?.close();
});

const occurred = (e: { start_date: string; end_date: string | null }) => ms(e.end_date ?? e.start_date) < NOW_MS;

describe('/events/list', () => {
  it.each(FORMATS)(
    '%s: by default the upcoming shows, soonest first (order_by startDateTime, ASC, include_past 0)',
    async (format) => {
      const page = await list(sim, '/events/list', { limit: 100 }, format);
      const upcoming = sim.account.events
        .filter((e) => !occurred(e))
        .sort((a, b) => ms(a.start_date) - ms(b.start_date));
      expect(page.total).toBe(upcoming.length);
      expect(page.items.map((i) => Number(i.id))).toEqual(upcoming.map((e) => e.id));
    },
  );

  it('include_past=1 adds the played shows; include_upcoming=0 leaves only them; DESC reverses', async () => {
    const all = await list(sim, '/events/list', { include_past: 1, limit: 100 });
    expect(all.total).toBe(sim.account.events.length);
    const past = await list(sim, '/events/list', {
      include_past: 1,
      include_upcoming: 0,
      direction: 'DESC',
      limit: 100,
    });
    const played = sim.account.events.filter(occurred).sort((a, b) => ms(b.start_date) - ms(a.start_date));
    expect(past.items.map((i) => Number(i.id))).toEqual(played.map((e) => e.id));
    expect((await list(sim, '/events/list', { include_upcoming: 0 })).total).toBe(0);
    const byModified = await list(sim, '/events/list', {
      include_past: 1,
      order_by: 'modified',
      direction: 'DESC',
      limit: 1,
    });
    const newest = Math.max(...sim.account.events.map((e) => ms(e.modified)));
    expect(ms(byModified.items[0]!.modified as string)).toBe(newest);
  });

  it('an id overrides everything (a played show is found); bad values are a 400', async () => {
    const played = sim.account.events.find(occurred)!;
    const one = await list(sim, '/events/list', { id: played.id, include_past: 0, include_upcoming: 0 });
    expect(one.items.map((i) => Number(i.id))).toEqual([played.id]);
    expect((await list(sim, '/events/list', { include_past: 'yes' })).status).toBe(400);
    expect((await list(sim, '/events/list', { order_by: 'title' })).status).toBe(400);
  });

  it('the tour has the variety a tour page shows', () => {
    const events = sim.account.events;
    const countries = new Set(events.map((e) => e.location?.address?.['country']));
    expect(countries.size).toBeGreaterThanOrEqual(4);
    expect(events.filter(occurred).length).toBeGreaterThanOrEqual(3);
    expect(events.filter((e) => !occurred(e)).length).toBeGreaterThanOrEqual(3);
    expect(events.some((e) => e['sold_out'] === 1 && !occurred(e))).toBe(true);
    expect(events.some((e) => e.price !== null && Number(e.price) === 0 && e.buy_link === null)).toBe(true);
    expect(events.some((e) => e.minimum_age === 0 || e.minimum_age === null)).toBe(true);
    expect(events.some((e) => e.minimum_age === 21)).toBe(true);
    expect(events.some((e) => e.collaborators.length > 1)).toBe(true);
    expect(events.filter((e) => e.buy_link).every((e) => e.buy_link!.startsWith('https://'))).toBe(true);
    expect(events.some((e) => e['private'] === true)).toBe(true);
  });
});

describe('the clock', () => {
  it('the same clock day gives the same tour; another day moves it with the clock', () => {
    const at = (now: number) => createDemoAccount({ mediaBaseUrl: 'http://media.invalid', now }).events;
    expect(at(NOW_MS)).toEqual(at(NOW_MS + 3_600_000));
    const later = at(NOW_MS + 10 * 86_400_000);
    expect(
      later.map(
        (e) =>
          ms(e.start_date) -
          ms(at(NOW_MS).find((x) => x.title === e.title && x.location?.name === e.location?.name)!.start_date),
      ),
    ).toEqual(later.map(() => 10 * 86_400_000));
  });

  it('without a clock option the tour is dated around the real day, so shows are still to come', async () => {
    const live = await startSimulator();
    try {
      const upcoming = await list(live, '/events/list');
      expect(upcoming.total).toBeGreaterThanOrEqual(3);
    } finally {
      await live.close();
    }
  });
});

describe('/videos/list, /statuses/list, /accounts/list', () => {
  it.each(FORMATS)(
    '%s: videos newest first, each an oEmbed YouTube or Vimeo iframe with its service link',
    async (format) => {
      const page = await list(sim, '/videos/list', { limit: 100 }, format);
      expect(page.total).toBe(sim.account.videos.length);
      const created = page.items.map((i) => ms(i.created as string));
      expect(created).toEqual([...created].sort((a, b) => b - a));
      for (const item of page.items) {
        expect(item.embed_code).toMatch(
          /^<iframe [^>]*src="https?:\/\/(www\.youtube\.com\/embed|player\.vimeo\.com\/video)\//,
        );
        expect(item.raw_url).toMatch(/^https?:\/\/(www\.youtube\.com|vimeo\.com)\//);
      }
    },
  );

  it('statuses newest first, short, with their authors', async () => {
    const page = await list(sim, '/statuses/list', { limit: 100 });
    expect(page.total).toBeGreaterThanOrEqual(10);
    const published = page.items.map((i) => ms(i.published as string));
    expect(published).toEqual([...published].sort((a, b) => b - a));
    for (const item of page.items) expect((item.text as string).length).toBeLessThanOrEqual(140);
  });

  it.each(FORMATS)("%s: the accounts, the band's own authenticated, through the client", async (format) => {
    const client = createClient({ accessToken: sim.token, baseUrl: sim.apiUrl, format });
    const accounts = await client.accounts.list();
    expect(accounts.items.filter((a) => a.authenticated).map((a) => a.name)).toEqual(['Juniper Static']);
    expect(accounts.items.find((a) => a.authenticated)).toMatchObject({
      stageblocUrl: 'juniperstatic',
      description: expect.stringContaining('Duluth'),
    });
    expect(accounts.items.find((a) => a.authenticated)!.images.large?.url).toMatch(
      /^http:\/\/127\.0\.0\.1:\d+\/production\/photos\//,
    );
  });
});

describe('/oauth2/token/info', () => {
  it.each(FORMATS)(
    "%s: shaped like the docs (no total; JSON's response an array), read by the client without the token",
    async (format) => {
      const res = await fetch(new URL(`oauth2/token/info.${format}`, sim.apiUrl), {
        headers: { Authorization: `OAuth ${sim.token}` },
      });
      const body = await res.text();
      expect(res.status).toBe(200);
      expect(body).not.toMatch(/total/);
      if (format === 'json') expect(JSON.parse(body).response).toHaveLength(1);
      // The docs' answer repeats the token: the simulator does too, so the client's dropping it is tested.
      expect(body).toContain(sim.token);
      const client = createClient({ accessToken: sim.token, baseUrl: sim.apiUrl, format });
      const info = await client.tokenInfo();
      expect(info).toEqual({
        account: { id: 4242, name: 'Juniper Static', stageblocUrl: 'juniperstatic' },
        user: { id: 8, name: 'Nora Vance' },
        application: { name: 'Juniper Static website', description: expect.any(String) },
      });
      expect(JSON.stringify(info)).not.toContain(sim.token);
    },
  );

  it('needs the token like every other endpoint', async () => {
    const res = await fetch(new URL('oauth2/token/info.json', sim.apiUrl));
    expect(res.status).toBe(401);
  });
});
