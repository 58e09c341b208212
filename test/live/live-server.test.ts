/**
 * Live collections as users run them: a real `astro build` of a fixture site with
 * `output: 'server'` and the Node adapter, built with no token at all, then started as a
 * server that reads the token and API URL from its environment and asks the simulator over
 * HTTP on every request. An edit on the simulator shows on the next request with no
 * rebuild; an unreachable API renders the page's error path and the server lives on; the
 * token is in no response and no built file.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '../../src/client/index.js';
import { startSimulator, type Simulator } from '../../src/simulator/index.js';
import { astroBuild, createFixtureSite, listFiles, type FixtureSite } from '../helpers/astro-build.js';
import { freePort, startBuiltServer, type RunningServer } from '../helpers/astro-server.js';

const CANARY = 'live-server-canary-5b1e08d4c7';
let sim: Simulator;
let site: FixtureSite;
let server: RunningServer;
const bodies: string[] = [];

async function get(path: string, on: RunningServer = server) {
  const response = await fetch(new URL(path, on.origin));
  const text = await response.text();
  bodies.push(text, JSON.stringify([...response.headers]));
  return { status: response.status, headers: response.headers, text, document: parseHTML(text).document };
}

beforeAll(async () => {
  sim = await startSimulator({ port: 0, accessToken: CANARY });
  site = await createFixtureSite('live');
  const build = await astroBuild(site);
  if (build.code !== 0) throw new Error(`astro build failed:\n${build.output}`);
  server = await startBuiltServer(site.distDir, { STAGEBLOC_ACCESS_TOKEN: CANARY, STAGEBLOC_API_URL: sim.apiUrl });
}, 300_000);

afterAll(async () => {
  await server?.stop();
  await sim?.close();
  await site?.cleanup();
});

describe('a server-rendered site with live collections (Node adapter)', () => {
  it('renders the account on request, and an edit on StageBloc on the next request without a rebuild', async () => {
    const first = await get('/');
    expect(first.status).toBe(200);
    const titles = () => [...first.document.querySelectorAll('li')].map((li) => li.textContent);
    const privateTitles = sim.account.tracks.filter((t) => t.private === true || t.private === 1).map((t) => t.title);
    expect(privateTitles.length).toBeGreaterThan(0);
    expect(titles().length).toBeGreaterThan(10);
    for (const title of privateTitles) expect(titles()).not.toContain(title);
    expect(first.headers.get('last-modified')).toMatch(/GMT$/);

    const track = first.document.querySelector('li[data-locked="false"]')!;
    const client = createClient({ accessToken: CANARY, baseUrl: sim.apiUrl });
    await client.tracks.edit({ id: Number(track.getAttribute('data-id')), title: 'Edited while the server runs' });
    const second = await get('/');
    expect(second.document.querySelector(`li[data-id="${track.getAttribute('data-id')}"]`)?.textContent).toBe(
      'Edited while the server runs',
    );
    expect(second.document.querySelector('.tags')?.textContent).toContain(
      `stagebloc:tracks:${track.getAttribute('data-id')}`,
    );
  });

  it('loads one post by id (rendered body) and sees its edit; hidden and unknown ids are 404', async () => {
    const post = sim.account.blog.find((b) => b.status === 1 && !b.exclusive && !b.private)!;
    const before = await get(`/blog/${post.id}/`);
    expect(before.status).toBe(200);
    expect(before.document.querySelector('h1')?.textContent).toBe(post.title);
    expect(before.document.querySelector('.body')?.innerHTML.length).toBeGreaterThan(0);

    post.title = 'A title changed on StageBloc';
    post.modified = '2031-01-01 00:00:00';
    const after = await get(`/blog/${post.id}/`);
    expect(after.document.querySelector('h1')?.textContent).toBe('A title changed on StageBloc');
    expect(after.headers.get('last-modified')).toBe('Wed, 01 Jan 2031 00:00:00 GMT');

    const draft = sim.account.blog.find((b) => b.status === 0);
    if (draft) expect((await get(`/blog/${draft.id}/`)).status).toBe(404);
    expect((await get('/blog/99999999/')).status).toBe(404);
  });

  it('passes page filters to the API as its documented parameters', async () => {
    sim.clearRequests();
    const page = await get('/blog/?year=2020&limit=2&orderBy=published&direction=ASC');
    expect(page.status).toBe(200);
    const items = [...page.document.querySelectorAll('li')];
    expect(items).toHaveLength(2);
    for (const item of items) expect(item.getAttribute('data-published')).toMatch(/^2020-/);
    expect(sim.requests.filter((r) => r.endpoint === '/blog/list').map((r) => r.query)).toEqual([
      {
        order_by: 'published',
        direction: 'ASC',
        status: '1',
        year: '2020',
        ignore_sticky: '1',
        limit: '2',
        offset: '0',
      },
    ]);

    const playlist = await get(`/playlists/${sim.account.playlists.find((p) => !p.private && !p.exclusive)!.id}/`);
    expect(playlist.status).toBe(200);
    const order = playlist.document.querySelector('.order')!.textContent!.split(',');
    expect([...playlist.document.querySelectorAll('li')].map((li) => li.getAttribute('data-id'))).toEqual(order);
  });

  it('never puts the token into a response or a built file', async () => {
    for (const body of bodies) expect(body).not.toContain(CANARY);
    for (const file of await listFiles(site.distDir)) {
      expect((await readFile(join(site.distDir, file))).includes(CANARY), file).toBe(false);
    }
  });

  it("renders the page's error path when the API is unreachable, and keeps serving", async () => {
    const closedPort = await freePort();
    const down = await startBuiltServer(site.distDir, {
      STAGEBLOC_ACCESS_TOKEN: CANARY,
      STAGEBLOC_API_URL: `http://127.0.0.1:${closedPort}/2.0/`,
    });
    try {
      for (let i = 0; i < 2; i++) {
        const page = await get('/', down);
        expect(page.status).toBe(503);
        expect(page.document.querySelector('.error')?.textContent).toMatch(
          new RegExp(
            `^Loading StageBloc tracks failed\\. Could not reach the StageBloc API at 127\\.0\\.0\\.1:${closedPort}`,
          ),
        );
        expect(page.text).not.toContain(CANARY);
      }
      expect((await get('/blog/1/', down)).status).toBe(503);
      expect(down.alive()).toBe(true);
      expect(down.output()).not.toContain(CANARY);
    } finally {
      await down.stop();
    }
  }, 120_000);
});
