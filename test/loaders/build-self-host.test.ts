/**
 * A real `astro build` with `media: 'self-host'` against the simulator: dist/ must not
 * depend on StageBloc at all. Media that HTML fields link to (photos in blog bodies, a link
 * to an MP3, images in descriptions) is downloaded and rewritten like entry media; tracks
 * carry the sizes of their self-hosted MP3s and, where the free download offers it, the
 * self-hosted 320 kb MP3. The build also turns on `imageAssets`, so self-hosted photos go
 * through Astro's image pipeline (src/pages/pictures.astro renders them with <Picture>).
 */
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator } from '../../src/simulator/index.js';
import {
  astroBuild,
  createFixtureSite,
  listFiles,
  type AstroBuildResult,
  type FixtureSite,
} from '../helpers/astro-build.js';
import { distText, flag, readDump, type Dump } from './build-support.js';

type Sim = Awaited<ReturnType<typeof startSimulator>>;

let sim: Sim;
let site: FixtureSite;
let build: AstroBuildResult;
let dump: Dump;
let files: string[];
let text: string;

const LOCAL_IMAGE = /\/_stagebloc\/images\/[a-f0-9]{16}\.jpeg/g;
const LOCAL_AUDIO = /\/_stagebloc\/audio\/[a-f0-9]{16}\.mp3/g;

/** The post and track edited below, and what they link to. */
const edited = { postId: '', trackId: '', freeHighQualityId: '', photoUrl: '', streamUrl: '' };

beforeAll(async () => {
  sim = await startSimulator({ port: 0 });
  const acct = sim.account;
  const isPublic = (item: Record<string, unknown>) => !flag(item.private) && !flag(item.exclusive);
  const photo = acct.photos.find(isPublic)!;
  const tracks = acct.tracks.filter((t) => isPublic(t) && t.embed_url);
  const [linked, described, freeHighQuality] = [tracks[0]!, tracks[1]!, tracks.find((t) => t.download_details)!];
  edited.photoUrl = photo.images.find((i) => i.size === 'large')!.embed_url;
  edited.streamUrl = linked.embed_url!;

  // A post linking to an MP3, to a file the media origin no longer has, and to a non-media file there.
  const post = acct.blog.find((b) => Number(b.status) === 1 && isPublic(b))!;
  post.body =
    `<p>New song: <a href="${linked.embed_url}">listen</a>.</p>` +
    `<figure><img src="${sim.mediaOrigin}/production/photos/1/large/gone.jpeg" alt="Lost"><figcaption>Lost photo</figcaption></figure>` +
    `<p>The <a href="${sim.mediaOrigin}/press/kit.zip">press kit</a> is out.</p>`;
  edited.postId = String(post.id);
  // A description with an inline image.
  described.description = `<p>Cover shoot:</p><p><img src="${edited.photoUrl}" alt="Shoot"></p>`;
  edited.trackId = String(described.id);
  // The demo account offers no free 320 kb MP3 without a follow: give one track that.
  freeHighQuality.download_details = {
    ...freeHighQuality.download_details!,
    free_download_quality: 2,
    free_download_require_follow: false,
  };
  edited.freeHighQualityId = String(freeHighQuality.id);

  site = await createFixtureSite('basic');
  build = await astroBuild(site, {
    env: {
      STAGEBLOC_API_URL: sim.apiUrl,
      STAGEBLOC_ACCESS_TOKEN: sim.token,
      STAGEBLOC_MEDIA: 'self-host',
      FIXTURE_IMAGE_ASSETS: '1',
    },
  });
  expect(build.code, build.output).toBe(0);
  dump = await readDump(site.distDir);
  files = await listFiles(site.distDir);
  text = await distText(site.distDir);
});

afterAll(async () => {
  await sim?.close();
  await site?.cleanup();
});

const size = (sitePath: string) => stat(join(site.distDir, sitePath)).then((s) => s.size);

describe('a self-hosted build', () => {
  it('has no URL on the media origin or the API origin anywhere in dist/', () => {
    const mediaHost = new URL(sim.mediaOrigin).host;
    const apiHost = new URL(sim.origin).host;
    expect(text.length).toBeGreaterThan(10_000);
    // The account does link to both before the build: the search is over real content.
    expect(JSON.stringify(sim.account)).toContain(mediaHost);
    expect(text.includes(mediaHost)).toBe(false);
    expect(text.includes(apiHost)).toBe(false);
    expect(text).not.toMatch(/127\.0\.0\.1|localhost/);
  });

  it('rewrites media inside blog bodies and descriptions to files that exist in dist/', async () => {
    // (A pasted widget leaves an <img alt> whose javascript: src the sanitizer removed.)
    const bodiesWithImages = dump.blog.filter((b) => (b.html ?? '').includes('<img src='));
    expect(bodiesWithImages.length).toBeGreaterThan(0);
    for (const post of bodiesWithImages) {
      const images = post.html!.match(LOCAL_IMAGE) ?? [];
      expect(images.length, post.html!).toBe((post.html!.match(/<img src=/g) ?? []).length);
      const page = await readFile(join(site.distDir, 'blog', post.id, 'index.html'), 'utf8');
      for (const path of images) {
        expect(page).toContain(path);
        expect(files).toContain(path.slice(1));
      }
    }
    const track = dump.tracks.find((t) => t.id === edited.trackId)!;
    expect(track.data.descriptionHtml).toMatch(
      /^<p>Cover shoot:<\/p><p><img src="\/_stagebloc\/images\/[a-f0-9]{16}\.jpeg" alt="Shoot" loading="lazy" \/><\/p>$/,
    );
    // The same photo as an entry image and inline: one file.
    const photo = dump.photos.find(
      (p) => p.data.images.large && track.data.descriptionHtml.includes(p.data.images.large.url),
    );
    expect(photo, 'the inline image is the photo entry’s self-hosted large image').toBeTruthy();
  });

  it('links to an MP3 point at the self-hosted file; a vanished file and a non-media link are removed with warnings', async () => {
    const post = dump.blog.find((b) => b.id === edited.postId)!;
    const audio = post.html!.match(LOCAL_AUDIO) ?? [];
    expect(audio).toHaveLength(1);
    expect(post.html).toContain(`<a href="${audio[0]}" rel="noopener ugc">listen</a>`);
    expect(files).toContain(audio[0]!.slice(1));
    const stream = dump.tracks.find((t) => t.data.streamUrl === audio[0]);
    expect(stream, 'the link and the track stream share one file').toBeTruthy();
    expect(post.html).toContain('<figure><figcaption>Lost photo</figcaption></figure>');
    expect(post.html).toContain('<p>The press kit is out.</p>');
    expect(build.output).toMatch(/blog: 1 StageBloc media file\(s\) linked from HTML no longer exist .*HTTP 404/);
    expect(build.output).toMatch(
      /blog: 1 link\(s\) in HTML point at StageBloc-hosted files that are neither images nor audio/,
    );
  });

  it('tracks carry the sizes of their self-hosted MP3s, and the free 320 kb MP3 where offered', async () => {
    const playable = dump.tracks.filter((t) => t.data.streamUrl);
    expect(playable.length).toBeGreaterThan(5);
    for (const track of playable) {
      expect(track.data.streamUrl).toMatch(/^\/_stagebloc\/audio\/[a-f0-9]{16}\.mp3$/);
      expect(track.data.streamBytes).toBe(await size(track.data.streamUrl));
    }
    for (const track of dump.tracks.filter((t) => !t.data.streamUrl))
      expect(track.data).toMatchObject({ locked: true, streamBytes: null });
    const offered = dump.tracks.filter((t) => t.data.highQualityUrl);
    expect(offered.map((t) => t.id)).toEqual([edited.freeHighQualityId]);
    const hq = offered[0]!.data;
    expect(hq.highQualityUrl).toMatch(/^\/_stagebloc\/audio\/[a-f0-9]{16}\.mp3$/);
    expect(hq.highQualityUrl).not.toBe(hq.streamUrl);
    expect(hq.highQualityBytes).toBe(await size(hq.highQualityUrl));
    expect(hq.highQualityBytes).toBeGreaterThan(hq.streamBytes);
  });
});

describe("imageAssets: self-hosted images through Astro's image pipeline", () => {
  it('image sets carry their largest self-hosted file as an Astro image; the five variants are unchanged', () => {
    const sets = [...dump.photos, ...dump.albums, ...dump.playlists];
    const unlocked = sets.filter((e) => !e.data.locked && Object.keys(e.data.images).length > 0);
    expect(unlocked.length).toBeGreaterThan(10);
    for (const entry of unlocked) {
      const largest = entry.data.images.original ?? entry.data.images.large;
      expect(entry.data.imageAsset, entry.id).toMatchObject({
        width: largest.width,
        height: largest.height,
        format: 'jpg',
      });
      expect(entry.data.imageAsset.src).toMatch(/^\/_astro\/[\w-]+\.[\w-]+\.jpe?g$/);
      expect(files).toContain(entry.data.imageAsset.src.slice(1));
      expect(largest.url).toMatch(/^\/_stagebloc\/images\/[a-f0-9]{16}\.jpeg$/);
    }
    for (const entry of sets.filter((e) => e.data.locked)) expect(entry.data.imageAsset).toBeNull();
  });

  it('<Picture> emits optimized AVIF and WebP files at the requested widths', async () => {
    const page = await readFile(join(site.distDir, 'pictures', 'index.html'), 'utf8');
    expect((page.match(/<picture>/g) ?? []).length).toBe(3);
    for (const type of ['avif', 'webp']) {
      const srcset = new RegExp(`<source srcset="([^"]+)" type="image/${type}"`).exec(page)?.[1];
      expect(srcset, type).toBeTruthy();
      const candidates = srcset!.split(', ').map((c) => c.split(' '));
      expect(candidates.map(([, w]) => w)).toEqual(['240w', '480w']);
      for (const [url] of candidates) {
        expect(url).toMatch(new RegExp(`^/_astro/.+\\.${type}$`));
        expect(files).toContain(url!.slice(1));
      }
    }
  });
});
