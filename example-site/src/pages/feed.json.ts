import type { APIRoute } from 'astro';
import { getCollection } from 'astro:content';
import { jsonFeed } from 'astro-stagebloc/rss';
import { ARTIST, TIME_ZONES } from '../site.js';
import { routes } from '../lib/routes.js';
import { enclosureLength } from '../lib/feeds.js';
import { getArtist } from '../lib/artist.js';

export const GET: APIRoute = async (context) => {
  const band = await getArtist();
  return jsonFeed(context, {
    title: band.name,
    description: `Posts, tracks, shows and videos from ${band.name}.`,
    posts: await getCollection('blog'),
    tracks: await getCollection('tracks'),
    postLink: (post) => routes.post(post),
    trackLink: (track) => routes.track(track),
    events: await getCollection('events'),
    timeZone: TIME_ZONES,
    eventLink: (event) => routes.event(event),
    videos: await getCollection('videos'),
    videoLink: (video) => routes.video(video),
    authors: [{ name: band.name, url: new URL('/', context.site).href }],
    favicon: '/favicon.svg',
    language: ARTIST.locale,
    limit: 50,
    contentLength: enclosureLength(context.site),
  });
};
