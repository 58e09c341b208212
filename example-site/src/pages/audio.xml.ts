import type { APIRoute } from 'astro';
import { getCollection } from 'astro:content';
import { audioFeed } from 'astro-stagebloc/rss';
import { ARTIST } from '../site.js';
import { routes } from '../lib/routes.js';
import { enclosureLength } from '../lib/feeds.js';
import { featuredPlaylist } from '../lib/content.js';
import { getArtist } from '../lib/artist.js';

export const GET: APIRoute = async (context) => {
  const band = await getArtist();
  const featured = await featuredPlaylist();
  const cover = featured?.data.images.large ?? featured?.data.images.original;
  return audioFeed(context, {
    title: `${band.name}: music`,
    description: `Every track ${band.name} streams on this site, newest first.`,
    tracks: await getCollection('tracks'),
    link: (track) => routes.track(track),
    author: band.name,
    image: cover?.url,
    category: 'Music',
    language: ARTIST.locale.toLowerCase(),
    contentLength: enclosureLength(context.site),
  });
};
