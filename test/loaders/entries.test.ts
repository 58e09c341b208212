import { describe, expect, it } from 'vitest';
import type { BlogEntry, Photo, Track } from '../../src/client/model.js';
import type { AccountContent, AlbumRecord, PlaylistRecord } from '../../src/sync/account-data.js';
import {
  blockedMediaUrls,
  freeHighQualityUrl,
  mapAlbums,
  mapBlog,
  mapPhotos,
  mapPlaylists,
  mapTracks,
  mediaUrlsOf,
  type MediaLookup,
} from '../../src/content/entries.js';
import { collectionSchemas } from '../../src/loaders/schemas.js';
import { reachesOtherEntries } from '../../src/content/entry-inputs.js';
import { DEFAULT_VISIBILITY } from '../../src/content/visibility.js';

const d = (s: string) => new Date(`${s}T12:00:00Z`);
const images = (n: number) => ({
  thumbnail: { url: `https://cdn.example/t/${n}.jpg`, shortUrl: null },
  large: { url: `https://cdn.example/l/${n}.jpg`, shortUrl: `https://stgb.lc/p/${n}` },
});

function track(id: number, over: Partial<Track> = {}): Track {
  return {
    id,
    title: `Track ${id}`,
    artist: 'Band',
    rawUrl: `https://cdn.example/raw/${id}.wav`,
    embedUrl: `https://cdn.example/a/${id}.mp3`,
    shortUrl: `https://stgb.lc/a/${id}`,
    description: `<p onclick="x()">About ${id}</p>`,
    created: d('2020-01-01'),
    modified: d('2020-01-02'),
    length: 180,
    exclusive: false,
    private: false,
    downloadDetails: {
      price: 1.5,
      fansNamePrice: true,
      freeDownloadQuality: 1,
      paidDownloadQuality: 3,
      freeDownloadRequireFollow: true,
      paidDownloadRequireFollow: false,
    },
    ...over,
  };
}
function playlist(id: number, trackIds: number[], over: Partial<PlaylistRecord> = {}): PlaylistRecord {
  return {
    id,
    title: `Playlist ${id}`,
    description: null,
    created: d('2020-02-01'),
    modified: d('2020-02-02'),
    shortUrl: null,
    exclusive: false,
    private: false,
    downloadDetails: null,
    images: images(id),
    trackCount: trackIds.length,
    trackIds,
    ...over,
  };
}
function blog(id: number, over: Partial<BlogEntry> = {}): BlogEntry {
  return {
    id,
    title: `Post ${id}`,
    body: `<p>Body of <b>${id}</b></p><script>alert(1)</script>`,
    status: 1,
    shortUrl: null,
    published: d('2021-01-01'),
    created: d('2021-01-01'),
    modified: d('2021-01-01'),
    sticky: false,
    exclusive: false,
    private: false,
    author: { id: 8, name: 'Admin' },
    ...over,
  };
}
function photo(id: number, over: Partial<Photo> = {}): Photo {
  return {
    id,
    title: `Photo ${id}`,
    description: null,
    exclusive: false,
    private: false,
    created: d('2022-01-01'),
    modified: d('2022-01-01'),
    images: images(100 + id),
    location: { id: 5, name: 'Hall', website: null, address: null },
    ...over,
  };
}
function album(id: number, photoIds: number[], over: Partial<AlbumRecord> = {}): AlbumRecord {
  return {
    id,
    title: `Album ${id}`,
    shortUrl: null,
    photoCount: photoIds.length,
    description: null,
    private: false,
    exclusive: false,
    created: d('2022-02-01'),
    modified: d('2022-02-01'),
    images: images(200 + id),
    location: null,
    photoIds,
    ...over,
  };
}

const content: AccountContent = {
  tracks: [track(1), track(2, { private: true }), track(3, { exclusive: true }), track(4)],
  playlists: [playlist(10, [4, 2, 1, 3]), playlist(11, [1], { private: true }), playlist(12, [3], { exclusive: true })],
  blog: [blog(20), blog(21, { status: 0 }), blog(22, { exclusive: true }), blog(23, { private: true })],
  photos: [photo(30), photo(31, { private: true }), photo(32, { exclusive: true })],
  albums: [album(40, [31, 30, 32]), album(41, [30], { private: true })],
  events: [],
  videos: [],
  statuses: [],
  account: [],
};
const opts = { policy: DEFAULT_VISIBILITY };

/** A track laid out like StageBloc's CDN (128 and 320 kb MP3s side by side) with the given free download. */
function cdnTrack(id: number, free: { free: 0 | 1 | 2 | 3; follow: boolean } | null, over: Partial<Track> = {}): Track {
  return track(id, {
    embedUrl: `https://cdn.stagebloc.com/production/audio/1/mp3_128kb/5190_1_${id}.mp3`,
    downloadDetails: free && {
      price: 1,
      fansNamePrice: false,
      freeDownloadQuality: free.free,
      paidDownloadQuality: 3,
      freeDownloadRequireFollow: free.follow,
      paidDownloadRequireFollow: false,
    },
    ...over,
  });
}
const hqUrl = (id: number) => `https://cdn.stagebloc.com/production/audio/1/mp3_320kb/5190_1_${id}.mp3`;
const byId = <T extends { id: string }>(list: T[]) => Object.fromEntries(list.map((e) => [e.id, e]));

describe('entry mapping under the default policy', () => {
  it('tracks: private gone, exclusive locked without stream URL, links to visible playlists', () => {
    const tracks = byId(mapTracks(content, opts));
    expect(Object.keys(tracks).sort()).toEqual(['1', '3', '4']);
    expect(tracks['1']!.data).toMatchObject({
      stagebloc: { id: 1, shortUrl: 'https://stgb.lc/a/1' },
      streamUrl: 'https://cdn.example/a/1.mp3',
      duration: 180,
      locked: false,
      descriptionHtml: '<p>About 1</p>',
      playlists: ['10'],
      download: {
        free: { format: 'mp3-128', requireFollow: true },
        paid: { format: 'source', requireFollow: false, price: 1.5, nameYourPrice: true },
      },
    });
    expect(tracks['3']!.data).toMatchObject({
      locked: true,
      exclusive: true,
      streamUrl: null,
      playlists: ['10', '12'],
    });
    expect(JSON.stringify(Object.values(tracks))).not.toContain('raw/');
  });

  it('playlists: visible tracks in playlist order; locked ones keep links but no images', () => {
    const playlists = byId(mapPlaylists(content, opts));
    expect(Object.keys(playlists).sort()).toEqual(['10', '12']);
    expect(playlists['10']!.data).toMatchObject({ tracks: ['4', '1', '3'], trackCount: 3, locked: false });
    expect(playlists['10']!.data.images).toEqual({
      thumbnail: { url: 'https://cdn.example/t/10.jpg' },
      large: { url: 'https://cdn.example/l/10.jpg' },
    });
    expect(playlists['12']!.data).toMatchObject({ locked: true, images: {}, tracks: ['3'] });
  });

  it('blog: drafts and private gone, body sanitized into rendered.html, locked has no body or excerpt', () => {
    const posts = byId(mapBlog(content, opts));
    expect(Object.keys(posts).sort()).toEqual(['20', '22']);
    expect(posts['20']!.rendered!.html).toBe('<p>Body of <b>20</b></p>');
    expect(posts['20']!.data).toMatchObject({
      excerpt: 'Body of 20',
      status: 'published',
      author: { id: 8, name: 'Admin' },
    });
    expect(posts['22']!.rendered!.html).toBe('');
    expect(posts['22']!.data).toMatchObject({ excerpt: '', locked: true });
  });

  it('blog: drafts: true keeps drafts', () => {
    const posts = byId(mapBlog(content, { policy: { ...DEFAULT_VISIBILITY, drafts: true } }));
    expect(posts['21']!.data.status).toBe('draft');
  });

  it('photos and albums link both ways through visible items only', () => {
    const photos = byId(mapPhotos(content, opts));
    const albums = byId(mapAlbums(content, opts));
    expect(Object.keys(photos).sort()).toEqual(['30', '32']);
    expect(Object.keys(albums)).toEqual(['40']);
    expect(albums['40']!.data).toMatchObject({ photos: ['30', '32'], photoCount: 2 });
    expect(photos['30']!.data).toMatchObject({ album: '40', location: { name: 'Hall', website: null, address: null } });
    expect(photos['32']!.data).toMatchObject({ locked: true, images: {} });
  });

  it('exclusive: include publishes media of exclusive items', () => {
    const tracks = byId(mapTracks(content, { policy: { drafts: false, exclusive: 'include' } }));
    expect(tracks['3']!.data).toMatchObject({ locked: false, streamUrl: 'https://cdn.example/a/3.mp3' });
  });

  it('media URLs exclude hidden and locked items; the lookup rewrites them', () => {
    expect(mediaUrlsOf('tracks', content, DEFAULT_VISIBILITY).audio.sort()).toEqual([
      'https://cdn.example/a/1.mp3',
      'https://cdn.example/a/4.mp3',
    ]);
    expect(mediaUrlsOf('photos', content, DEFAULT_VISIBILITY).images).toEqual([
      'https://cdn.example/t/130.jpg',
      'https://cdn.example/l/130.jpg',
    ]);
    const media: MediaLookup = {
      image: (url) => ({ url: `/local${new URL(url).pathname}`, width: 4, height: 3 }),
      audio: () => ({ url: '/_stagebloc/audio/x.mp3', bytes: 1234 }),
    };
    const tracks = byId(mapTracks(content, { ...opts, media }));
    expect(tracks['1']!.data).toMatchObject({ streamUrl: '/_stagebloc/audio/x.mp3', streamBytes: 1234 });
    // Remote media: no size known.
    expect(byId(mapTracks(content, opts))['1']!.data.streamBytes).toBeNull();
    const photos = byId(mapPhotos(content, { ...opts, media }));
    expect(photos['30']!.data.images).toMatchObject({ thumbnail: { url: '/local/t/130.jpg', width: 4, height: 3 } });
  });

  it('HTML anywhere drops media URLs of private or locked items, keeping public ones', () => {
    const body =
      '<p><img src="https://cdn.example/l/131.jpg" alt="private photo"><img src="https://cdn.example/l/130.jpg" alt="public photo">' +
      '<a href="https://cdn.example/a/2.mp3">private track</a> <a href="https://cdn.example/raw/1.wav">source file</a> ' +
      '<a href="https://cdn.example/a/1.mp3">public track</a></p>';
    const withEmbeds = { ...content, blog: [blog(50, { body })] };
    const html = mapBlog(withEmbeds, opts)[0]!.rendered!.html;
    expect(html).not.toContain('/l/131.jpg');
    expect(html).not.toContain('/a/2.mp3');
    expect(html).not.toContain('/raw/1.wav');
    expect(html).toContain('<img src="https://cdn.example/l/130.jpg"');
    expect(html).toContain('href="https://cdn.example/a/1.mp3"');
    expect(html).toContain('private track');
  });

  it('blocked media is worked out once per set of media arrays, whichever content object holds them', () => {
    const blocked = blockedMediaUrls(content, DEFAULT_VISIBILITY);
    expect(blocked.has('https://cdn.example/l/131.jpg')).toBe(true);
    // The walk's partial content and the final content share their arrays (posts are no media).
    expect(blockedMediaUrls({ ...content, blog: [] }, DEFAULT_VISIBILITY)).toBe(blocked);
    // Another array, even with equal items, or another policy: worked out again, to the same URLs.
    const again = blockedMediaUrls({ ...content, photos: [...content.photos] }, DEFAULT_VISIBILITY);
    expect(again).not.toBe(blocked);
    expect([...again].sort()).toEqual([...blocked].sort());
    const exclusive = blockedMediaUrls(content, { ...DEFAULT_VISIBILITY, exclusive: 'include' });
    expect(exclusive).not.toBe(blocked);
  });

  it('every mapped entry fits its collection schema, references becoming { id, collection }', async () => {
    // Include a track with a free 320 kb MP3, so the optional fields are validated with values too.
    const withHighQuality = { ...content, tracks: [...content.tracks, cdnTrack(5, { free: 2, follow: false })] };
    const hq = mapTracks(withHighQuality, opts).find((t) => t.id === '5')!;
    expect(hq.data.highQualityUrl).toMatch(/mp3_320kb/);
    await expect(collectionSchemas.tracks.parseAsync(hq.data)).resolves.toBeTruthy();
    const all = {
      tracks: mapTracks(content, opts),
      playlists: mapPlaylists(content, opts),
      blog: mapBlog(content, opts),
      photos: mapPhotos(content, opts),
      albums: mapAlbums(content, opts),
    };
    for (const [name, entries] of Object.entries(all)) {
      for (const entry of entries) {
        const parsed = await collectionSchemas[name as keyof typeof all].parseAsync(entry.data);
        expect(parsed).toBeTruthy();
      }
    }
    const parsed = await collectionSchemas.tracks.parseAsync(all.tracks[0]!.data);
    expect(parsed.playlists).toEqual([{ id: '10', collection: 'playlists' }]);
    expect(parsed.created).toBeInstanceOf(Date);
  });
});

describe('the free 320 kb MP3', () => {
  it('is offered only when the free download includes it (320 kb or source) without a follow', () => {
    expect(freeHighQualityUrl(cdnTrack(1, { free: 2, follow: false }))).toBe(hqUrl(1));
    expect(freeHighQualityUrl(cdnTrack(1, { free: 3, follow: false }))).toBe(hqUrl(1));
    expect(freeHighQualityUrl(cdnTrack(1, { free: 2, follow: true }))).toBeNull();
    expect(freeHighQualityUrl(cdnTrack(1, { free: 1, follow: false }))).toBeNull();
    expect(freeHighQualityUrl(cdnTrack(1, { free: 0, follow: false }))).toBeNull();
    expect(freeHighQualityUrl(cdnTrack(1, null))).toBeNull();
    // Not StageBloc's CDN layout: nothing to derive it from.
    expect(
      freeHighQualityUrl(track(1, { downloadDetails: cdnTrack(1, { free: 2, follow: false }).downloadDetails })),
    ).toBeNull();
  });

  it('tracks carry it (remote: the CDN URL; self-hosted: the lookup), never when locked or missing', () => {
    const tracks = [
      cdnTrack(1, { free: 2, follow: false }),
      cdnTrack(2, { free: 1, follow: false }),
      cdnTrack(3, { free: 3, follow: false }, { exclusive: true }),
    ];
    const withTracks = { ...content, tracks, playlists: [] };
    expect(mediaUrlsOf('tracks', withTracks, DEFAULT_VISIBILITY).highQualityAudio).toEqual([hqUrl(1)]);

    const remote = byId(mapTracks(withTracks, opts));
    expect(remote['1']!.data).toMatchObject({ highQualityUrl: hqUrl(1), highQualityBytes: null });
    expect(remote['2']!.data).toMatchObject({ highQualityUrl: null, highQualityBytes: null });
    expect(remote['3']!.data).toMatchObject({ locked: true, highQualityUrl: null, streamUrl: null, streamBytes: null });

    const local: MediaLookup = {
      image: (url) => ({ url }),
      audio: (url) => ({
        url: `/_stagebloc/audio/${url.includes('320') ? 'hq' : 'lq'}.mp3`,
        bytes: url.includes('320') ? 320 : 128,
      }),
    };
    expect(byId(mapTracks(withTracks, { ...opts, media: local }))['1']!.data).toMatchObject({
      streamUrl: '/_stagebloc/audio/lq.mp3',
      streamBytes: 128,
      highQualityUrl: '/_stagebloc/audio/hq.mp3',
      highQualityBytes: 320,
    });
    const missing: MediaLookup = { ...local, audio: (url) => (url.includes('320') ? null : local.audio(url)) };
    expect(byId(mapTracks(withTracks, { ...opts, media: missing }))['1']!.data).toMatchObject({
      streamBytes: 128,
      highQualityUrl: null,
      highQualityBytes: null,
    });
  });

  it('HTML may link to it only when it is free; otherwise (or for hidden tracks) the link is removed', () => {
    const tracks = [
      cdnTrack(1, { free: 2, follow: false }),
      cdnTrack(2, { free: 2, follow: true }),
      cdnTrack(3, { free: 2, follow: false }, { private: true }),
    ];
    const body = [1, 2, 3].map((id) => `<a href="${hqUrl(id)}">hq ${id}</a>`).join(' ');
    const html = mapBlog({ ...content, tracks, playlists: [], blog: [blog(50, { body })] }, opts)[0]!.rendered!.html;
    expect(html).toContain(`href="${hqUrl(1)}"`);
    expect(html).not.toContain(hqUrl(2));
    expect(html).not.toContain(hqUrl(3));
    expect(html).toContain('hq 2');
  });
});

describe('imageAsset (imageAssets: true)', () => {
  const local: MediaLookup = {
    image: (url) => ({ url: `/_stagebloc/images${new URL(url).pathname}` }),
    audio: (url) => ({ url, bytes: null }),
    imageFile: (url) => `/cache/files${new URL(url).pathname}`,
  };

  it('is the largest self-hosted file of each visible, unlocked image set', () => {
    const photos = byId(mapPhotos(content, { ...opts, media: local, imageAssets: true }));
    // images(130) has thumbnail and large: large is the largest present.
    expect(photos['30']!.data.imageAsset).toBe('/cache/files/l/130.jpg');
    expect(photos['32']!.data).toMatchObject({ locked: true, imageAsset: null });
    expect(byId(mapAlbums(content, { ...opts, media: local, imageAssets: true }))['40']!.data.imageAsset).toBe(
      '/cache/files/l/240.jpg',
    );
    expect(byId(mapPlaylists(content, { ...opts, media: local, imageAssets: true }))['10']!.data.imageAsset).toBe(
      '/cache/files/l/10.jpg',
    );
  });

  it('is null when off, or when nothing is self-hosted', () => {
    expect(byId(mapPhotos(content, { ...opts, media: local }))['30']!.data.imageAsset).toBeNull();
    expect(byId(mapPhotos(content, { ...opts, imageAssets: true }))['30']!.data.imageAsset).toBeNull();
  });
});

describe('which changes reach entries other than their own items’ (a rebuild maps those items alone otherwise)', () => {
  const policy = DEFAULT_VISIBILITY;
  const reaches = (
    collection: Parameters<typeof reachesOtherEntries>[0],
    before: Parameters<typeof reachesOtherEntries>[1],
    after: Parameters<typeof reachesOtherEntries>[2],
    blocked: ReadonlySet<string> = new Set(),
  ) => reachesOtherEntries(collection, before, after, policy, blocked);

  it('posts: none, whatever changed (nothing links to a post, it has no media of its own)', () => {
    expect(reaches('blog', blog(1), blog(1, { title: 'New' }))).toBe(false);
    expect(reaches('blog', blog(1), blog(1, { private: true }))).toBe(false);
    expect(reaches('blog', undefined, blog(2))).toBe(false);
  });

  it('items with media: only a change of visibility or media (blocked URLs, the links of their containers)', () => {
    expect(reaches('photos', photo(1), photo(1, { title: 'New', description: '<p>x</p>' }))).toBe(false);
    expect(reaches('photos', photo(1), photo(1, { private: true }))).toBe(true);
    expect(reaches('photos', photo(1), photo(1, { exclusive: true }))).toBe(true);
    expect(reaches('photos', photo(1), photo(1, { images: images(999) }))).toBe(true);
    expect(reaches('tracks', track(1), track(1, { rawUrl: null }))).toBe(true);
    expect(reaches('tracks', track(1), track(1, { length: 200 }))).toBe(false);
    // A free 320 kb download publishes a file (beside the 128 kb stream) the track did not publish before.
    const streamed = { embedUrl: 'https://cdn.example/mp3_128kb/1.mp3' };
    const free = { ...track(1).downloadDetails!, freeDownloadQuality: 2 as const, freeDownloadRequireFollow: false };
    expect(reaches('tracks', track(1, streamed), track(1, { ...streamed, downloadDetails: free }))).toBe(true);
  });

  it('a new item: only when it may block a URL, or publish one that is blocked now', () => {
    const fresh = photo(2);
    expect(reaches('photos', undefined, fresh)).toBe(false);
    // One of its images is an image a hidden item uses: publishing it unblocks it.
    expect(reaches('photos', undefined, fresh, new Set([fresh.images.large!.url]))).toBe(true);
    // Hidden, or locked: its media would be blocked (unless published elsewhere, which only the whole account says).
    expect(reaches('photos', undefined, photo(3, { private: true }))).toBe(true);
    expect(reaches('photos', undefined, photo(3, { exclusive: true }))).toBe(true);
    // A track's source file is never published.
    expect(reaches('tracks', undefined, track(3))).toBe(true);
    expect(reaches('tracks', undefined, track(3, { private: true, rawUrl: null, embedUrl: null }))).toBe(false);
  });

  it('playlists and albums: always (their member lists are their members’ links)', () => {
    expect(reaches('playlists', playlist(1, [1]), playlist(1, [1], { title: 'New' }))).toBe(true);
    expect(reaches('albums', album(1, [1]), album(1, [1]))).toBe(true);
  });
});
