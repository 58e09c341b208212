import type { APIRoute } from 'astro';
import { getCollection } from 'astro:content';
import { blogFeed } from 'astro-stagebloc/rss';
import { ARTIST } from '../site.js';
import { routes } from '../lib/routes.js';
import { getArtist } from '../lib/artist.js';

export const GET: APIRoute = async (context) => {
  const band = await getArtist();
  return blogFeed(context, {
    title: `${band.name}: blog`,
    description: `News, tour diaries and studio notes from ${band.name}.`,
    entries: await getCollection('blog'),
    link: (post) => routes.post(post),
    language: ARTIST.locale.toLowerCase(),
    limit: 30,
  });
};
