import { describe, expect, it } from 'vitest';
import type { BlogEntry, Photo, Track } from '../../src/client/model.js';
import type { AccountContent, AlbumRecord, PlaylistRecord } from '../../src/loaders/account-data.js';
import { mapAlbums, mapBlog, mapPhotos, mapPlaylists, mapTracks, mediaUrlsOf, type MediaLookup } from '../../src/loaders/entries.js';
import { collectionSchemas } from '../../src/loaders/schemas.js';
import { DEFAULT_VISIBILITY } from '../../src/loaders/visibility.js';

const d = (s: string) => new Date(`${s}T12:00:00Z`);
const images = (n: number) => ({
  thumbnail: { url: `https://cdn.example/t/${n}.jpg`, shortUrl: null },
  large: { url: `https://cdn.example/l/${n}.jpg`, shortUrl: `https://stgb.lc/p/${n}` },
});

function track(id: number, over: Partial<Track> = {}): Track {
  return {
    id, title: `Track ${id}`, artist: 'Band', rawUrl: `https://cdn.example/raw/${id}.wav`, embedUrl: `https://cdn.example/a/${id}.mp3`,
    shortUrl: `https://stgb.lc/a/${id}`, description: `<p onclick="x()">About ${id}</p>`, created: d('2020-01-01'), modified: d('2020-01-02'),
    length: 180, exclusive: false, private: false,
    downloadDetails: { price: 1.5, fansNamePrice: true, freeDownloadQuality: 1, paidDownloadQuality: 3, freeDownloadRequireFollow: true, paidDownloadRequireFollow: false },
    ...over,
  };
}
function playlist(id: number, trackIds: number[], over: Partial<PlaylistRecord> = {}): PlaylistRecord {
  return {
    id, title: `Playlist ${id}`, description: null, created: d('2020-02-01'), modified: d('2020-02-02'), shortUrl: null,
    exclusive: false, private: false, downloadDetails: null, images: images(id), trackCount: trackIds.length, trackIds, ...over,
  };
}
function blog(id: number, over: Partial<BlogEntry> = {}): BlogEntry {
  return {
    id, title: `Post ${id}`, body: `<p>Body of <b>${id}</b></p><script>alert(1)</script>`, status: 1, shortUrl: null,
    published: d('2021-01-01'), created: d('2021-01-01'), modified: d('2021-01-01'), sticky: false, exclusive: false, private: false,
    author: { id: 8, name: 'Admin' }, ...over,
  };
}
function photo(id: number, over: Partial<Photo> = {}): Photo {
  return {
    id, title: `Photo ${id}`, description: null, exclusive: false, private: false, created: d('2022-01-01'), modified: d('2022-01-01'),
    images: images(100 + id), location: { id: 5, name: 'Hall', website: null, address: null }, ...over,
  };
}
function album(id: number, photoIds: number[], over: Partial<AlbumRecord> = {}): AlbumRecord {
  return {
    id, title: `Album ${id}`, shortUrl: null, photoCount: photoIds.length, description: null, private: false, exclusive: false,
    created: d('2022-02-01'), modified: d('2022-02-01'), images: images(200 + id), location: null, photoIds, ...over,
  };
}

const content: AccountContent = {
  tracks: [track(1), track(2, { private: true }), track(3, { exclusive: true }), track(4)],
  playlists: [playlist(10, [4, 2, 1, 3]), playlist(11, [1], { private: true }), playlist(12, [3], { exclusive: true })],
  blog: [blog(20), blog(21, { status: 0 }), blog(22, { exclusive: true }), blog(23, { private: true })],
  photos: [photo(30), photo(31, { private: true }), photo(32, { exclusive: true })],
  albums: [album(40, [31, 30, 32]), album(41, [30], { private: true })],
};
const opts = { policy: DEFAULT_VISIBILITY };
const byId = <T extends { id: string }>(list: T[]) => Object.fromEntries(list.map((e) => [e.id, e]));

describe('entry mapping under the default policy', () => {
  it('tracks: private gone, exclusive locked without stream URL, links to visible playlists', () => {
    const tracks = byId(mapTracks(content, opts));
    expect(Object.keys(tracks).sort()).toEqual(['1', '3', '4']);
    expect(tracks['1']!.data).toMatchObject({
      stagebloc: { id: 1, shortUrl: 'https://stgb.lc/a/1' }, streamUrl: 'https://cdn.example/a/1.mp3', duration: 180, locked: false,
      descriptionHtml: '<p>About 1</p>', playlists: ['10'],
      download: { free: { format: 'mp3-128', requireFollow: true }, paid: { format: 'source', requireFollow: false, price: 1.5, nameYourPrice: true } },
    });
    expect(tracks['3']!.data).toMatchObject({ locked: true, exclusive: true, streamUrl: null, playlists: ['10', '12'] });
    expect(JSON.stringify(Object.values(tracks))).not.toContain('raw/');
  });

  it('playlists: visible tracks in playlist order; locked ones keep links but no images', () => {
    const playlists = byId(mapPlaylists(content, opts));
    expect(Object.keys(playlists).sort()).toEqual(['10', '12']);
    expect(playlists['10']!.data).toMatchObject({ tracks: ['4', '1', '3'], trackCount: 3, locked: false });
    expect(playlists['10']!.data.images).toEqual({ thumbnail: { url: 'https://cdn.example/t/10.jpg' }, large: { url: 'https://cdn.example/l/10.jpg' } });
    expect(playlists['12']!.data).toMatchObject({ locked: true, images: {}, tracks: ['3'] });
  });

  it('blog: drafts and private gone, body sanitized into rendered.html, locked has no body or excerpt', () => {
    const posts = byId(mapBlog(content, opts));
    expect(Object.keys(posts).sort()).toEqual(['20', '22']);
    expect(posts['20']!.rendered!.html).toBe('<p>Body of <b>20</b></p>');
    expect(posts['20']!.data).toMatchObject({ excerpt: 'Body of 20', status: 'published', author: { id: 8, name: 'Admin' } });
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
    expect(mediaUrlsOf('tracks', content, DEFAULT_VISIBILITY).audio.sort()).toEqual(['https://cdn.example/a/1.mp3', 'https://cdn.example/a/4.mp3']);
    expect(mediaUrlsOf('photos', content, DEFAULT_VISIBILITY).images).toEqual(['https://cdn.example/t/130.jpg', 'https://cdn.example/l/130.jpg']);
    const media: MediaLookup = { image: (url) => ({ url: `/local${new URL(url).pathname}`, width: 4, height: 3 }), audio: () => '/_stagebloc/audio/x.mp3' };
    const tracks = byId(mapTracks(content, { ...opts, media }));
    expect(tracks['1']!.data.streamUrl).toBe('/_stagebloc/audio/x.mp3');
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

  it('every mapped entry fits its collection schema, references becoming { id, collection }', async () => {
    const all = {
      tracks: mapTracks(content, opts), playlists: mapPlaylists(content, opts), blog: mapBlog(content, opts),
      photos: mapPhotos(content, opts), albums: mapAlbums(content, opts),
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
