/**
 * Hand-written entries in the exact shape of the DEVELOPERS.md contract, for the
 * edge cases the demo account may not contain (an image set without widths, a
 * locked track that still carries a stream URL by mistake, an undated draft).
 */
import type { BlogEntry, PhotoEntry, TrackEntry } from '../../src/entries/types.js';

const day = (iso: string) => new Date(`${iso}T12:00:00Z`);

export function lockedTrackWithLeakedUrl(): TrackEntry {
  return {
    id: '9001',
    data: {
      stagebloc: { id: 9001, shortUrl: 'http://stgb.lc/a/zz' },
      title: 'Brightwater',
      artist: 'Juniper Static',
      descriptionHtml: '<p>Fan club only.</p>',
      // The loaders null this for locked tracks; the component must not trust that.
      streamUrl: 'https://cdn.example/production/audio/1/mp3_128kb/4242_20250117_120000_1_9001.mp3',
      duration: 201,
      created: day('2025-01-17'),
      modified: day('2025-01-17'),
      exclusive: true,
      locked: true,
      download: {
        free: { format: 'mp3-320', requireFollow: true },
        paid: { format: 'none', requireFollow: false, price: 0.5, nameYourPrice: false },
      },
      playlists: [],
    },
  };
}

export function photoWithoutWidths(): PhotoEntry {
  return {
    id: '9100',
    data: {
      stagebloc: { id: 9100, shortUrl: null },
      title: null,
      descriptionHtml: null,
      created: day('2024-02-02'),
      modified: day('2024-02-02'),
      exclusive: false,
      locked: false,
      images: {
        medium: { url: 'https://cdn.example/production/photos/1/medium/20240202_120000_1_9100.jpeg' },
        large: { url: 'https://cdn.example/production/photos/1/large/20240202_120000_1_9100.jpeg' },
      },
      location: null,
      album: null,
    },
  };
}

export function blogEntry(overrides: Partial<BlogEntry['data']> & { id: string; html?: string }): BlogEntry {
  const { id, html = '<p>Body</p>', ...data } = overrides;
  return {
    id,
    data: {
      stagebloc: { id: Number(id), shortUrl: `http://stgb.lc/b/${id}` },
      title: `Post ${id}`,
      excerpt: `Excerpt of post ${id}`,
      status: 'published',
      published: day('2024-01-01'),
      created: day('2024-01-01'),
      modified: day('2024-01-02'),
      sticky: false,
      exclusive: false,
      locked: false,
      author: { id: 8, name: 'Nora Vance' },
      ...data,
    },
    rendered: { html },
  };
}
