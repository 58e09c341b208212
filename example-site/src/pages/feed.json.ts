import type { APIRoute } from 'astro';
import { getCollection } from 'astro:content';
import { jsonFeed } from 'astro-stagebloc/rss';
import { ARTIST } from '../site.js';
import { routes } from '../lib/routes.js';
import { enclosureLength } from '../lib/feeds.js';

export const GET: APIRoute = async (context) =>
  jsonFeed(context, {
    title: ARTIST.name,
    description: `Posts and tracks from ${ARTIST.name}.`,
    posts: await getCollection('blog'),
    tracks: await getCollection('tracks'),
    postLink: (post) => routes.post(post),
    trackLink: (track) => routes.track(track),
    authors: [{ name: ARTIST.name, url: new URL('/', context.site).href }],
    favicon: '/favicon.svg',
    language: ARTIST.locale,
    limit: 50,
    contentLength: enclosureLength(context.site),
  });
