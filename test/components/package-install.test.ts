/**
 * The components as an installed package: `npm pack` the repo, unpack the tarball into
 * a fresh site's node_modules (a real directory, as `npm install` leaves it, not a
 * workspace link), and `astro build` a page that imports the components, a component
 * by its own path, helpers (durations, image attributes), and the feeds (the iCalendar one too), by package name. Guards the `files` and
 * `exports` fields and the .astro/.ts source shipping. Then `npm install`s the tarball the way a
 * user does (npm under the repo's Node, dependencies from npm's cache) and holds that install
 * silent: no install-script, engine or peer warning, and only the README's entry points public.
 */
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { astroBuild, ensurePackageBuilt, REPO_ROOT } from '../helpers/astro-build.js';

const PAGE = `---
import { PhotoGallery, PlaylistPlayer, TourDates, Track, VideoEmbed, dimensionsOf, pickImage, spokenDuration, srcsetOf } from 'astro-stagebloc/components';
import AlbumCard from 'astro-stagebloc/components/AlbumCard.astro';
const d = new Date('2024-01-01T00:00:00Z');
const images = { medium: { url: '/m.jpg', width: 500, height: 500 }, large: { url: '/l.jpg', width: 1000, height: 1000 } };
const base = { created: d, modified: d, exclusive: false, locked: false, descriptionHtml: null };
const track = { id: '1', data: { ...base, stagebloc: { id: 1, shortUrl: null }, title: 'One', artist: 'A', streamUrl: '/a.mp3', duration: 65, download: null, playlists: [] } };
const playlist = { id: '2', data: { ...base, stagebloc: { id: 2, shortUrl: null }, title: 'P', images, trackCount: 1, download: null, tracks: [] } };
const photo = { id: '3', data: { ...base, stagebloc: { id: 3, shortUrl: null }, title: 'Ph', images, location: null, album: null } };
const album = { id: '4', data: { ...base, stagebloc: { id: 4, shortUrl: null }, title: 'Al', photoCount: 1, images, location: null, photos: [] } };
const event = { id: '5', data: { ...base, stagebloc: { id: 5, shortUrl: null }, title: 'Show', startLocal: '2030-06-12T21:00:00', endLocal: null, location: null, collaborators: [], price: null, free: false, soldOut: false, buyLink: null, minimumAge: null, images: {} } };
const video = { id: '6', data: { ...base, stagebloc: { id: 6, shortUrl: null }, title: 'V', rawUrl: 'https://vimeo.com/1', embedHtml: null, embedUrl: 'https://player.vimeo.com/video/1', images } };
---
<html lang="en"><head><title>t</title></head><body><main>
<p id="spoken">{spokenDuration(65)}</p>
<img id="cover" src={pickImage(images, ['original', 'large'])!.url} srcset={srcsetOf(images)} {...dimensionsOf(images.large)} alt="" />
<Track track={track} /><PlaylistPlayer playlist={playlist} tracks={[track]} /><PhotoGallery photos={[photo]} /><AlbumCard album={album} base="/a/" />
<TourDates events={[event]} timeZone="Europe/Berlin" now={d} /><VideoEmbed video={video} />
</main></body></html>
`;

const FEED = `import { jsonFeed } from 'astro-stagebloc/rss';
export const GET = (context) => jsonFeed(context, { title: 't', description: 'd', tracks: [], posts: [] });
`;

const CALENDAR = `import { eventsCalendar } from 'astro-stagebloc/rss';
export const GET = (context) => eventsCalendar(context, { title: 't', now: new Date('2024-01-01T00:00:00Z'), timeZone: 'Europe/Berlin', events: [
  { id: '5', data: { stagebloc: { id: 5, shortUrl: null }, title: 'Show', descriptionHtml: null, startLocal: '2030-06-12T21:00:00', endLocal: null, created: new Date(0), modified: new Date(0), location: null, collaborators: [], price: null, free: false, soldOut: false, buyLink: null, minimumAge: null, images: {} } },
] });
`;

let root: string;

beforeAll(async () => {
  await ensurePackageBuilt();
  root = await mkdtemp(join(tmpdir(), 'stagebloc-installed-'));
  const packed = spawnSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', root], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
  });
  if (packed.status !== 0) throw new Error(`npm pack failed: ${packed.stderr}`);
  const [packInfo] = JSON.parse(packed.stdout) as Array<{ filename: string }>;
  if (!packInfo) throw new Error(`npm pack reported no tarball: ${packed.stdout}`);
  const { filename } = packInfo;
  const modules = join(root, 'node_modules');
  await mkdir(join(modules, 'astro-stagebloc'), { recursive: true });
  const untar = spawnSync('tar', [
    'xzf',
    join(root, filename),
    '-C',
    join(modules, 'astro-stagebloc'),
    '--strip-components=1',
  ]);
  if (untar.status !== 0) throw new Error(`tar failed: ${untar.stderr}`);
  // The package's dependencies and astro itself, from the repo.
  for (const entry of await readdir(join(REPO_ROOT, 'node_modules'))) {
    if (entry.startsWith('.') || entry === 'astro-stagebloc') continue;
    await symlink(join(REPO_ROOT, 'node_modules', entry), join(modules, entry));
  }
  await mkdir(join(root, 'src', 'pages'), { recursive: true });
  await writeFile(join(root, 'package.json'), '{ "name": "installed-site", "private": true, "type": "module" }\n');
  await writeFile(
    join(root, 'astro.config.mjs'),
    "import { defineConfig } from 'astro/config';\nexport default defineConfig({ site: 'https://band.example' });\n",
  );
  await writeFile(join(root, 'src', 'pages', 'index.astro'), PAGE);
  await writeFile(join(root, 'src', 'pages', 'feed.json.js'), FEED);
  await writeFile(join(root, 'src', 'pages', 'tour.ics.js'), CALENDAR);
}, 120_000);

afterAll(async () => {
  if (root) await rm(root, { recursive: true, force: true });
  if (installDir) await rm(installDir, { recursive: true, force: true });
});

let installDir: string | undefined;

describe('installed from the tarball', () => {
  it('builds a site importing the components, their helpers and the feeds by package name', async () => {
    const build = await astroBuild({ root, distDir: join(root, 'dist') });
    expect(build.code, build.output).toBe(0);
    const { document } = parseHTML(await readFile(join(root, 'dist', 'index.html'), 'utf8'));
    expect(document.querySelector('#spoken')?.textContent).toBe('1 minute 5 seconds');
    const cover = document.querySelector('#cover')!;
    expect([
      cover.getAttribute('src'),
      cover.getAttribute('srcset'),
      cover.getAttribute('width'),
      cover.getAttribute('height'),
    ]).toEqual(['/l.jpg', '/m.jpg 500w, /l.jpg 1000w', '1000', '1000']);
    expect(document.querySelector('audio[src="/a.mp3"]')).not.toBeNull();
    expect(document.querySelector('a[href="/a/4/"]')?.textContent).toBe('Al');
    const scripts = [...document.querySelectorAll('script[type="module"]')].map(
      (s) => s.getAttribute('src') ?? 'inline',
    );
    expect(scripts.some((s) => s.includes('PlaylistPlayer'))).toBe(true);
    expect(scripts.some((s) => s.includes('PhotoGallery'))).toBe(true);
    expect(document.querySelector('[data-stagebloc-tour] time')?.getAttribute('datetime')).toBe(
      '2030-06-12T21:00:00+02:00',
    );
    expect(document.querySelector('a[data-video-poster]')?.getAttribute('data-embed-url')).toBe(
      'https://player.vimeo.com/video/1',
    );
    expect(await readFile(join(root, 'dist', 'tour.ics'), 'utf8')).toContain('DTSTART:20300612T190000Z');
    const feed = JSON.parse(await readFile(join(root, 'dist', 'feed.json'), 'utf8'));
    expect(feed).toMatchObject({ version: 'https://jsonfeed.org/version/1.1', home_page_url: 'https://band.example/' });
  });
});

/** The components the README documents, each importable on its own path; nothing else in src/components is public. */
const DOCUMENTED_COMPONENTS = [
  'AlbumCard',
  'AlbumGrid',
  'AudioPlayer',
  'BlogArchive',
  'BlogList',
  'BlogPost',
  'DownloadState',
  'Duration',
  'EventDetails',
  'OpenGraph',
  'Photo',
  'PhotoGallery',
  'PlaylistCard',
  'PlaylistGrid',
  'PlaylistPlayer',
  'StatusFeed',
  'StructuredData',
  'TourDates',
  'Track',
  'VideoEmbed',
];

describe('npm install of the tarball', () => {
  it('installs without a single warning, and exports only the documented entry points', async () => {
    installDir = await mkdtemp(join(tmpdir(), 'stagebloc-npm-install-'));
    const tarball = (await readdir(root)).find((name) => name.endsWith('.tgz'))!;
    await writeFile(join(installDir, 'package.json'), '{ "name": "a-band-site", "private": true, "type": "module" }\n');
    // npm's own PATH lookup finds the repo's Node 24 first (vitest runs under `npx`), as it would on a user's machine with Node 24.
    const install = spawnSync('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', join(root, tarball)], {
      cwd: installDir,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1', npm_config_loglevel: 'warn' },
      timeout: 300_000,
    });
    const output = `${install.stdout}\n${install.stderr}`;
    expect(install.status, output).toBe(0);
    expect(output).toMatch(/added \d+ packages?/);
    expect(output.split('\n').filter((line) => /\b(warn|WARN|ERR)\b/.test(line))).toEqual([]);

    // Resolved by Node's own exports resolution inside the installed site.
    const resolveIn = (specifier: string) =>
      spawnSync(
        process.execPath,
        ['--input-type=module', '-e', `console.log(import.meta.resolve(${JSON.stringify(specifier)}))`],
        {
          cwd: installDir,
          encoding: 'utf8',
        },
      );
    for (const name of DOCUMENTED_COMPONENTS) {
      const resolved = resolveIn(`astro-stagebloc/components/${name}.astro`);
      expect(resolved.status, resolved.stderr).toBe(0);
      expect(resolved.stdout.trim()).toMatch(
        new RegExp(`/node_modules/astro-stagebloc/src/components/${name}\\.astro$`),
      );
    }
    for (const entry of [
      'astro-stagebloc',
      'astro-stagebloc/loaders',
      'astro-stagebloc/live',
      'astro-stagebloc/client',
      'astro-stagebloc/simulator',
      'astro-stagebloc/rss',
      'astro-stagebloc/structured-data',
      'astro-stagebloc/components',
    ]) {
      expect(resolveIn(entry).status, entry).toBe(0);
    }
    for (const internal of [
      'astro-stagebloc/components/Badge.astro',
      'astro-stagebloc/components/lib/download.ts',
      'astro-stagebloc/components/scripts/lightbox.ts',
      'astro-stagebloc/dist/loaders/loader.js',
    ]) {
      const resolved = resolveIn(internal);
      expect(resolved.status, internal).not.toBe(0);
      expect(resolved.stderr, internal).toContain('ERR_PACKAGE_PATH_NOT_EXPORTED');
    }
  }, 360_000);
});
