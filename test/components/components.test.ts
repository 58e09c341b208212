/**
 * Each bundled component rendered with Astro's Container API from the demo account's
 * entries (simulator → client → loaders), asserted on the parsed DOM: roles, names,
 * attributes and no-JS fallbacks rather than exact HTML.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PhotoEntry, PlaylistEntry, TrackEntry } from '../../src/entries/types.js';
import { startComponentRenderer, type ComponentRenderer } from './render.js';
import { startDemoSite, type DemoSite } from './demo-entries.js';
import { accessibleName, all, one, parse, parseSrcset, text } from './dom.js';
import { blogEntry, lockedTrackWithLeakedUrl, photoWithoutWidths } from './contract-entries.js';

let renderer: ComponentRenderer;
let demo: DemoSite;

beforeAll(async () => {
  [renderer, demo] = await Promise.all([startComponentRenderer(), startDemoSite()]);
});

afterAll(async () => {
  await Promise.all([renderer?.close(), demo?.close()]);
});

const render = async (
  name: string,
  props: Record<string, unknown>,
  options?: Parameters<ComponentRenderer['render']>[2],
) => parse(await renderer.render(name, props, options));

function pick<T>(items: T[], predicate: (item: T) => boolean, what: string): T {
  const found = items.find(predicate);
  if (!found) throw new Error(`The demo account has no ${what}`);
  return found;
}

const publicTrack = () =>
  pick(
    demo.entries.tracks,
    (t) => !t.data.locked && !!t.data.streamUrl && !!t.data.download && t.data.download.paid.format !== 'none',
    'public track with a paid download',
  );
const lockedTrack = () => pick(demo.entries.tracks, (t) => t.data.locked, 'locked track');
const tracksOf = (playlist: PlaylistEntry): TrackEntry[] =>
  (playlist.data.tracks ?? []).map((ref) => pick(demo.entries.tracks, (t) => t.id === ref.id, `track ${ref.id}`));
const playablePlaylist = () =>
  pick(
    demo.entries.playlists,
    (p) => !p.data.locked && tracksOf(p).filter((t) => !t.data.locked).length >= 3,
    'playlist with 3 playable tracks',
  );
const galleryPhotos = (): PhotoEntry[] => {
  const album = pick(demo.entries.albums, (a) => !a.data.locked && a.data.photoCount >= 6, 'album with 6 photos');
  return (album.data.photos ?? []).map((ref) => pick(demo.entries.photos, (p) => p.id === ref.id, `photo ${ref.id}`));
};

/** The ISO 8601 duration written independently of the component code. */
function iso(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = Math.floor(seconds % 60);
  return `PT${h ? `${h}H` : ''}${m ? `${m}M` : ''}${s || (!h && !m) ? `${s}S` : ''}`;
}

/** `m:ss`, written independently of the component code. */
const clock = (seconds: number) => `${Math.floor(seconds / 60)}:${String(Math.floor(seconds % 60)).padStart(2, '0')}`;

/** The text a sighted reader sees: without the visually hidden words for screen readers. */
function visibleText(element: Element): string {
  const copy = element.cloneNode(true) as Element;
  for (const hidden of all(copy, '.sb-visually-hidden')) hidden.remove();
  return text(copy);
}

describe('Track', () => {
  it('renders title, artist, duration, description and a native player that streams the 128 kb MP3 without preloading', async () => {
    const track = publicTrack();
    const doc = await render('Track', { track });
    const article = one(doc, 'article');
    expect(accessibleName(article)).toBe(track.data.title);
    expect(text(one(doc, 'h3'))).toBe(track.data.title);
    if (track.data.artist) expect(text(doc.body)).toContain(track.data.artist);
    const audio = one<HTMLAudioElement>(doc, 'audio');
    expect(audio.hasAttribute('controls')).toBe(true);
    expect(audio.getAttribute('preload')).toBe('none');
    expect(audio.getAttribute('src')).toBe(track.data.streamUrl);
    expect(audio.hasAttribute('autoplay')).toBe(false);
    expect(accessibleName(audio)).toContain(track.data.title);
    // Fallback for browsers without <audio>: a plain link to the file.
    expect(one(audio, 'a').getAttribute('href')).toBe(track.data.streamUrl);
    const time = one(doc, 'time');
    expect(time.getAttribute('datetime')).toBe(iso(track.data.duration!));
    if (track.data.descriptionHtml)
      expect(one(doc, '.sb-track-description').innerHTML).toBe(track.data.descriptionHtml);
  });

  it('states the download and purchase offers from the download details, linking to StageBloc', async () => {
    const track = publicTrack();
    const doc = await render('Track', { track });
    const list = one(doc, 'ul[aria-label="Download options"]');
    const paid = one(list, 'li[data-offer="paid"]');
    const { paid: offer, free } = track.data.download!;
    const price = `$${offer.price.toFixed(2)}`;
    expect(text(paid)).toContain(price);
    expect(text(paid).includes('or more')).toBe(offer.nameYourPrice);
    expect(text(paid).includes('follow required')).toBe(offer.requireFollow);
    expect(paid.getAttribute('data-format')).toBe(offer.format);
    expect(list.querySelector('li[data-offer="free"]') !== null).toBe(free.format !== 'none');
    if (track.data.stagebloc.shortUrl) expect(one(paid, 'a').getAttribute('href')).toBe(track.data.stagebloc.shortUrl);
  });

  it('says when a free download needs a follow', async () => {
    const track = pick(
      demo.entries.tracks,
      (t) => !t.data.locked && t.data.download?.free.format !== 'none' && !!t.data.download?.free.requireFollow,
      'follow-gated free track',
    );
    const doc = await render('Track', { track });
    expect(text(one(doc, 'li[data-offer="free"]'))).toMatch(/^Free download: .* \(follow required\)$/);
  });

  it('renders a locked track with a locked state and no media URL anywhere in the HTML', async () => {
    const track = lockedTrack();
    const html = await renderer.render('Track', { track });
    const doc = parse(html);
    expect(doc.querySelector('audio')).toBeNull();
    expect(one(doc, '[data-stagebloc-locked]').textContent).toMatch(/exclusive/i);
    expect(html).not.toMatch(/\.mp3/);
    expect(html).not.toContain(new URL(demo.apiUrl).host);
    expect(doc.querySelector('[data-offer]')).toBeNull();
  });

  it('never publishes the stream of a locked track, even if the entry still carries one', async () => {
    const track = lockedTrackWithLeakedUrl();
    const html = await renderer.render('Track', { track });
    expect(html).not.toContain(track.data.streamUrl!);
    expect(parse(html).querySelector('audio')).toBeNull();
  });

  it('links the title from `base` or `href`', async () => {
    const track = publicTrack();
    expect(one(await render('Track', { track, base: '/music' }), 'h3 a').getAttribute('href')).toBe(
      `/music/${track.id}/`,
    );
    const viaFunction = await render('Track', { track, href: (t: TrackEntry) => `/t/${t.data.stagebloc.id}` });
    expect(one(viaFunction, 'h3 a').getAttribute('href')).toBe(`/t/${track.data.stagebloc.id}`);
  });
});

describe('AudioPlayer', () => {
  it('is just the native player, named after the track', async () => {
    const track = publicTrack();
    const doc = await render('AudioPlayer', { track, label: 'Listen' });
    expect(
      all(doc.body, '*')
        .filter((e) => e.parentElement === doc.body)
        .map((e) => e.tagName),
    ).toEqual(['AUDIO']);
    expect(accessibleName(one(doc, 'audio'))).toBe('Listen');
  });
});

describe('PlaylistPlayer', () => {
  it('renders the cover and the ordered track list, each track playable without JavaScript', async () => {
    const playlist = playablePlaylist();
    const tracks = tracksOf(playlist);
    const doc = await render('PlaylistPlayer', { playlist, tracks });
    const section = one(doc, 'section');
    expect(accessibleName(section)).toBe(playlist.data.title);
    const rows = all(doc, 'ol > li');
    expect(rows.map((li) => li.getAttribute('data-track-row'))).toEqual(tracks.map((t) => t.id));
    rows.forEach((li, i) => {
      const track = tracks[i]!;
      const audio = li.querySelector('audio');
      if (track.data.locked) {
        expect(audio).toBeNull();
      } else {
        expect(audio?.getAttribute('src')).toBe(track.data.streamUrl);
        expect(audio?.getAttribute('preload')).toBe('none');
        expect(audio?.hasAttribute('controls')).toBe(true);
      }
      expect(text(li)).toContain(track.data.title);
    });
    const cover = one(section, 'img');
    expect(cover.getAttribute('alt')).toBe('');
    expect(parseSrcset(cover.getAttribute('srcset')).length).toBeGreaterThan(1);
    expect(Number(cover.getAttribute('width'))).toBeGreaterThan(0);
    expect(Number(cover.getAttribute('height'))).toBeGreaterThan(0);
    expect(doc.querySelector('[autoplay]')).toBeNull();
  });

  it('ships the scripted controls inert until the script runs, with state-following labels and spoken slider values', async () => {
    const playlist = playablePlaylist();
    const tracks = tracksOf(playlist);
    const first = tracks.find((t) => !t.data.locked)!;
    const doc = await render('PlaylistPlayer', { playlist, tracks });
    const controls = one(doc, '[data-controls]');
    // Laid out from the start (no layout shift when the script shows them) but inert until then.
    expect(controls.hasAttribute('inert')).toBe(true);
    expect(controls.hasAttribute('hidden')).toBe(false);
    const buttons = all(controls, 'button').map(accessibleName);
    expect(buttons).toEqual(['Previous track', `Play ${first.data.title}`, 'Next track']);
    const slider = one(controls, 'input[type="range"]');
    expect(accessibleName(slider)).toBe('Seek');
    const seconds = first.data.duration!;
    const spoken = `${Math.floor(seconds / 60) ? `${Math.floor(seconds / 60)} minute${Math.floor(seconds / 60) === 1 ? '' : 's'} ` : ''}${seconds % 60} second${seconds % 60 === 1 ? '' : 's'}`;
    expect(slider.getAttribute('aria-valuetext')).toBe(`0 seconds of ${spoken}`);
    expect(one(controls, '[aria-live="polite"]')).toBeTruthy();
    for (const button of all(doc, '[data-row-toggle]')) expect(button.hasAttribute('hidden')).toBe(true);
    expect(doc.querySelector('script[type="module"]')).not.toBeNull();
  });

  it('joins the track count and the total time with a space on each side of the "·"', async () => {
    const playlist = playablePlaylist();
    const tracks = tracksOf(playlist);
    const total = tracks.reduce((s, t) => s + (t.data.duration ?? 0), 0);
    const meta = one(await render('PlaylistPlayer', { playlist, tracks }), '.sb-playlist-meta');
    expect(visibleText(meta)).toBe(`${tracks.length} tracks · ${clock(total)}`);
    // The "·" is decoration: screen readers get the count, then the time in words.
    expect(one(meta, '[aria-hidden="true"]').textContent).toBe('·');
    expect(one(meta, 'time').getAttribute('datetime')).toBe(iso(total));
    const single = await render('PlaylistPlayer', { playlist, tracks: tracks.slice(0, 1) });
    expect(visibleText(one(single, '.sb-playlist-meta'))).toBe(`1 track · ${clock(tracks[0]!.data.duration!)}`);
  });

  it('persists across navigations only when asked', async () => {
    const playlist = playablePlaylist();
    const tracks = tracksOf(playlist);
    const plain = await render('PlaylistPlayer', { playlist, tracks });
    expect(plain.querySelector('[data-astro-transition-persist]')).toBeNull();
    const persisted = await render('PlaylistPlayer', { playlist, tracks, persist: true });
    expect(one(persisted, 'section').getAttribute('data-astro-transition-persist')).toBe(
      `stagebloc-playlist-${playlist.id}`,
    );
  });

  it('renders a locked playlist without any stream', async () => {
    const playlist = pick(demo.entries.playlists, (p) => p.data.locked, 'locked playlist');
    const tracks = tracksOf(playlist);
    const html = await renderer.render('PlaylistPlayer', { playlist, tracks });
    expect(parse(html).querySelector('audio')).toBeNull();
    expect(html).not.toMatch(/\.mp3/);
    expect(all(parse(html), 'ol > li')).toHaveLength(tracks.length);
  });
});

describe('PhotoGallery and Photo', () => {
  it('renders a grid of plain links to the large images with responsive, dimensioned images', async () => {
    const photos = galleryPhotos();
    const doc = await render('PhotoGallery', { photos, label: 'Tour photos' });
    expect(accessibleName(one(doc, 'section'))).toBe('Tour photos');
    const items = all(doc, 'ul > li');
    expect(items).toHaveLength(photos.length);
    items.forEach((li, i) => {
      const photo = photos[i]!;
      const link = one(li, 'a');
      expect(link.getAttribute('href')).toBe(photo.data.images.large!.url);
      const img = one(link, 'img');
      expect(accessibleName(img)).toBe(photo.data.title ?? `Photo ${i + 1}`);
      const candidates = parseSrcset(img.getAttribute('srcset'));
      expect(candidates.length).toBe(5);
      for (const candidate of candidates) {
        const size = Object.values(photo.data.images).find((image) => image.url === candidate.url);
        expect(candidate.width).toBe(size?.width);
      }
      expect(img.getAttribute('sizes')).toBeTruthy();
      const shown = photo.data.images.medium!;
      expect(Number(img.getAttribute('width'))).toBe(shown.width);
      expect(Number(img.getAttribute('height'))).toBe(shown.height);
      if (photo.data.title) expect(text(one(li, 'figcaption'))).toContain(photo.data.title);
      if (photo.data.location) expect(text(one(li, 'figcaption address'))).toContain(photo.data.location.name);
    });
  });

  it('loads the first `eager` photos eagerly (the first with high priority) and the rest lazily', async () => {
    const photos = galleryPhotos();
    for (const eager of [4, 2]) {
      const imgs = all(await render('PhotoGallery', { photos, eager }), 'ul img');
      imgs.forEach((img, i) => {
        expect(img.getAttribute('loading')).toBe(i < eager ? null : 'lazy');
        expect(img.getAttribute('fetchpriority')).toBe(i === 0 ? 'high' : null);
      });
    }
  });

  it('includes a closed <dialog> lightbox (inert without JavaScript) with named controls', async () => {
    const doc = await render('PhotoGallery', { photos: galleryPhotos() });
    const dialog = one(doc, 'dialog');
    expect(dialog.hasAttribute('open')).toBe(false);
    expect(accessibleName(dialog)).toBe('Photo viewer');
    expect(all(dialog, 'button').map(accessibleName)).toEqual(['Previous photo', 'Next photo', 'Close']);
    expect(one(dialog, '[aria-live="polite"]')).toBeTruthy();
  });

  it('omits srcset, width and height when the sizes are unknown, keeping src and alt', async () => {
    const photo = photoWithoutWidths();
    const img = one(await render('Photo', { photo }), 'img');
    expect(img.getAttribute('src')).toBe(photo.data.images.medium!.url);
    for (const attribute of ['srcset', 'sizes', 'width', 'height']) expect(img.hasAttribute(attribute)).toBe(false);
    expect(img.getAttribute('alt')).toBe('Photo');
  });

  it('shows locked photos as a placeholder without image URLs', async () => {
    const photo = pick(demo.entries.photos, (p) => p.data.locked, 'locked photo');
    const doc = await render('Photo', {
      photo: { ...photo, data: { ...photo.data, images: { large: { url: 'https://cdn.example/leak.jpeg' } } } },
    });
    expect(doc.querySelector('img, a')).toBeNull();
    expect(one(doc, '[role="img"]').getAttribute('aria-label')).toMatch(/exclusive/i);
  });
});

describe('AlbumGrid, AlbumCard, PlaylistGrid, PlaylistCard', () => {
  it('lists albums as cards with cover, linked title and photo count', async () => {
    const albums = demo.entries.albums;
    const doc = await render('AlbumGrid', { albums, base: '/photos/', label: 'Albums' });
    const list = one(doc, 'ul');
    expect(accessibleName(list)).toBe('Albums');
    const cards = all(list, ':scope > li > article');
    expect(cards).toHaveLength(albums.length);
    cards.forEach((card, i) => {
      const album = albums[i]!;
      const link = one(card, 'h3 a');
      expect(text(link)).toBe(album.data.title);
      expect(link.getAttribute('href')).toBe(`/photos/${album.id}/`);
      expect(text(card)).toContain(`${album.data.photoCount} photo`);
      if (album.data.locked) expect(card.querySelector('img')).toBeNull();
      else expect(one(card, 'img').getAttribute('alt')).toBe('');
      // One link per card: keyboard users tab once per album.
      expect(all(card, 'a')).toHaveLength(1);
    });
  });

  it('lists playlists with track counts and a site-chosen href', async () => {
    const playlists = demo.entries.playlists;
    const doc = await render('PlaylistGrid', {
      playlists,
      href: (p: PlaylistEntry) => `/releases/${p.data.stagebloc.id}`,
    });
    const cards = all(doc, 'article');
    expect(cards).toHaveLength(playlists.length);
    cards.forEach((card, i) => {
      const playlist = playlists[i]!;
      expect(one(card, 'a').getAttribute('href')).toBe(`/releases/${playlist.data.stagebloc.id}`);
      expect(text(card)).toContain(`${playlist.data.trackCount} track`);
    });
    cards.forEach((card, i) => {
      const cover = card.querySelector('img');
      if (cover) expect(cover.getAttribute('loading')).toBe(i < 4 ? null : 'lazy');
    });
  });

  it('adds the total duration to a playlist card when its tracks are given', async () => {
    const playlist = playablePlaylist();
    const tracks = tracksOf(playlist);
    const total = tracks.reduce((s, t) => s + (t.data.duration ?? 0), 0);
    const meta = one(await render('PlaylistCard', { playlist, tracks }), '.sb-card-meta');
    expect(visibleText(meta)).toBe(`${playlist.data.trackCount} tracks · ${clock(total)}`);
    const withoutTracks = one(await render('PlaylistCard', { playlist }), '.sb-card-meta');
    expect(visibleText(withoutTracks)).toBe(`${playlist.data.trackCount} tracks`);
  });
});

describe('BlogList, BlogPost, BlogArchive', () => {
  const published = () => demo.entries.blog.filter((e) => e.data.status === 'published');

  it('lists posts with linked titles, machine-readable dates, authors, excerpts and a pinned marker', async () => {
    const entries = published().slice(0, 12);
    const doc = await render('BlogList', { entries, base: '/blog/' });
    const articles = all(doc, 'article');
    expect(articles.map((a) => a.getAttribute('data-post'))).toEqual(entries.map((e) => e.id));
    articles.forEach((article, i) => {
      const entry = entries[i]!;
      expect(one(article, 'h2 a').getAttribute('href')).toBe(`/blog/${entry.id}/`);
      expect(one(article, 'time').getAttribute('datetime')).toBe(
        (entry.data.published ?? entry.data.created).toISOString(),
      );
      if (entry.data.author) expect(text(article)).toContain(entry.data.author.name);
      expect(text(article).includes('Pinned')).toBe(entry.data.sticky);
    });
  });

  it('adds newer/older links for a pagination page', async () => {
    const entries = published().slice(0, 3);
    const page = { data: entries, currentPage: 2, lastPage: 5, url: { prev: '/blog/', next: '/blog/3/' } };
    const nav = one(await render('BlogList', { page }), 'nav');
    expect(accessibleName(nav)).toBe('Blog pages');
    expect(one(nav, 'a[rel="prev"]').getAttribute('href')).toBe('/blog/');
    expect(one(nav, 'a[rel="next"]').getAttribute('href')).toBe('/blog/3/');
    expect(text(nav)).toContain('Page 2 of 5');
  });

  it('renders a post body from the sanitized HTML, with date, author and the pinned marker', async () => {
    const entry = pick(published(), (e) => e.data.sticky && !e.data.locked && !!e.rendered?.html, 'sticky post');
    const doc = await render('BlogPost', { entry });
    const article = one(doc, 'article');
    expect(accessibleName(article)).toBe(entry.data.title);
    expect(text(one(article, 'h1'))).toBe(entry.data.title);
    expect(one(article, 'time').getAttribute('datetime')).toBe(entry.data.published!.toISOString());
    expect(text(article)).toContain('Pinned');
    expect(one(article, '.sb-post-body').innerHTML).toBe(entry.rendered!.html);
  });

  it('takes the body from the slot instead when given', async () => {
    const doc = await render(
      'BlogPost',
      { entry: blogEntry({ id: '77' }) },
      { slots: { default: '<p id="from-slot">Slot body</p>' } },
    );
    expect(text(one(doc, '#from-slot'))).toBe('Slot body');
  });

  it('renders a locked post without its body', async () => {
    const entry = pick(demo.entries.blog, (e) => e.data.locked, 'locked post');
    const doc = await render('BlogPost', { entry: { ...entry, rendered: { html: '<p>secret body</p>' } } });
    expect(text(doc.body)).not.toContain('secret body');
    expect(text(one(doc, '.sb-post-locked'))).toMatch(/exclusive/i);
  });

  it('groups the archive by year and month, newest first, with month links and counts', async () => {
    const entries = published();
    const doc = await render('BlogArchive', { entries, base: '/blog/archive' });
    const expected = new Map<string, number>();
    for (const e of entries) {
      const d = e.data.published ?? e.data.created;
      const key = `${d.getUTCFullYear()}/${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
      expected.set(key, (expected.get(key) ?? 0) + 1);
    }
    const links = all(doc, 'nav a');
    const seen = links.map((a) => a.getAttribute('href')!.replace('/blog/archive/', '').replace(/\/$/, ''));
    expect(seen).toEqual([...expected.keys()].sort().reverse());
    for (const a of links) {
      const key = a.getAttribute('href')!.replace('/blog/archive/', '').replace(/\/$/, '');
      const n = expected.get(key)!;
      expect(text(a.parentElement)).toContain(`(${n} post${n === 1 ? '' : 's'})`);
    }
    const years = all(doc, 'h2').map((h) => Number(text(h)));
    expect(years).toEqual([...years].sort((a, b) => b - a));
  });
});

describe('StructuredData', () => {
  const jsonLd = (doc: Document) =>
    all(doc, 'script[type="application/ld+json"]').map((s) => JSON.parse(s.textContent ?? ''));

  it('describes a track as a MusicRecording with an ISO 8601 duration and absolute URLs', async () => {
    const track = publicTrack();
    const [data] = jsonLd(
      await render('StructuredData', { track, url: '/music/one/' }, { url: 'https://band.example/music/one/' }),
    );
    expect(data).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'MusicRecording',
      name: track.data.title,
      duration: iso(track.data.duration!),
    });
    expect(data.url).toBe('https://band.example/music/one/');
    expect(data.audio).toMatchObject({
      '@type': 'AudioObject',
      contentUrl: track.data.streamUrl,
      encodingFormat: 'audio/mpeg',
    });
  });

  it('describes a playlist, a post, a photo gallery and the band with the matching types', async () => {
    const playlist = playablePlaylist();
    const tracks = tracksOf(playlist);
    const post = pick(demo.entries.blog, (e) => !e.data.locked && !!e.data.author, 'post with author');
    const photos = galleryPhotos();
    const doc = await render('StructuredData', {
      playlist,
      tracks,
      post,
      photos,
      galleryName: 'Tour',
      group: { name: 'Juniper Static', url: '/', tracks: tracks.slice(0, 2) },
    });
    const byType = Object.fromEntries(jsonLd(doc).map((d) => [d['@type'], d]));
    expect(Object.keys(byType).sort()).toEqual(['BlogPosting', 'ImageGallery', 'MusicGroup', 'MusicPlaylist']);
    expect(byType.MusicPlaylist.numTracks).toBe(tracks.length);
    expect(byType.MusicPlaylist.track.map((t: { name: string }) => t.name)).toEqual(tracks.map((t) => t.data.title));
    for (const t of byType.MusicPlaylist.track) {
      expect(t['@type']).toBe('MusicRecording');
      expect(t.duration).toMatch(/^PT(\d+H)?(\d+M)?(\d+S)?$/);
    }
    expect(byType.BlogPosting).toMatchObject({
      headline: post.data.title,
      author: { '@type': 'Person', name: post.data.author!.name },
    });
    expect(new Date(byType.BlogPosting.datePublished).getTime()).toBe(
      (post.data.published ?? post.data.created).getTime(),
    );
    expect(byType.ImageGallery.associatedMedia).toHaveLength(photos.length);
    for (const media of byType.ImageGallery.associatedMedia) {
      expect(media['@type']).toBe('ImageObject');
      expect(media.contentUrl).toMatch(/^https?:\/\//);
    }
    expect(byType.MusicGroup).toMatchObject({ name: 'Juniper Static', url: 'https://band.example/' });
    expect(byType.MusicGroup.track).toHaveLength(2);
  });

  it('escapes "<" so data can never close the script element', async () => {
    const post = pick(demo.entries.blog, (e) => e.data.title.includes('<'), 'post with "<" in its title');
    const evil = blogEntry({ id: '66', title: '</script><script>alert(1)</script>' });
    const html = await renderer.render('StructuredData', {
      schema: [{ '@type': 'Thing', name: post.data.title }],
      post: evil,
    });
    expect(html.match(/<\/script>/g)).toHaveLength(2);
    expect(html).toContain('\\u003c/script>');
    const data = jsonLd(parse(html));
    expect(data.find((d) => d['@type'] === 'BlogPosting').headline).toBe(evil.data.title);
    expect(data.find((d) => d['@type'] === 'Thing').name).toBe(post.data.title);
  });
});

describe('OpenGraph', () => {
  const meta = (doc: Document) =>
    Object.fromEntries(
      all(doc, 'meta').map((m) => [m.getAttribute('property') ?? m.getAttribute('name'), m.getAttribute('content')]),
    );

  it('tags a track page as music.song with its audio and duration', async () => {
    const track = publicTrack();
    const tags = meta(
      await render('OpenGraph', { track, siteName: 'Juniper Static' }, { url: 'https://band.example/music/x/' }),
    );
    expect(tags).toMatchObject({
      'og:type': 'music.song',
      'og:title': track.data.title,
      'og:url': 'https://band.example/music/x/',
      'og:audio': track.data.streamUrl,
      'og:audio:type': 'audio/mpeg',
      'music:duration': String(track.data.duration),
      'og:site_name': 'Juniper Static',
    });
  });

  it('gives a locked track no og:audio', async () => {
    const html = await renderer.render('OpenGraph', { track: lockedTrack() });
    expect(meta(parse(html))['og:audio']).toBeUndefined();
    expect(html).not.toMatch(/\.mp3/);
  });

  it('tags a post as an article with its dates and author', async () => {
    const post = pick(demo.entries.blog, (e) => !!e.data.author && !!e.data.published, 'dated post with author');
    const tags = meta(await render('OpenGraph', { post, image: '/cover.jpg' }));
    expect(tags).toMatchObject({
      'og:type': 'article',
      'og:title': post.data.title,
      'article:published_time': post.data.published!.toISOString(),
      'article:author': post.data.author!.name,
      'og:image': 'https://band.example/cover.jpg',
      'twitter:card': 'summary_large_image',
    });
  });
});

describe('package entry', () => {
  it('exports every component from astro-stagebloc/components and each by its own path', async () => {
    const index = await renderer.load('astro-stagebloc/components');
    const names = [
      'AlbumCard',
      'AlbumGrid',
      'AudioPlayer',
      'BlogArchive',
      'BlogList',
      'BlogPost',
      'OpenGraph',
      'Photo',
      'PhotoGallery',
      'PlaylistCard',
      'PlaylistGrid',
      'PlaylistPlayer',
      'StructuredData',
      'Track',
    ];
    for (const name of names) {
      expect(typeof index[name], name).toBe('function');
      const single = await renderer.load<{ default: unknown }>(`astro-stagebloc/components/${name}.astro`);
      expect(single.default, name).toBe(index[name]);
    }
  });
});
