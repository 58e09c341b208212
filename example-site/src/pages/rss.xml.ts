import type { APIRoute } from 'astro';
import { getCollection } from 'astro:content';
import { blogFeed } from 'astro-stagebloc/rss';
import { ARTIST } from '../site.js';
import { routes } from '../lib/routes.js';

export const GET: APIRoute = async (context) =>
  blogFeed(context, {
    title: `${ARTIST.name}: blog`,
    description: `News, tour diaries and studio notes from ${ARTIST.name}.`,
    entries: await getCollection('blog'),
    link: (post) => routes.post(post),
    language: ARTIST.locale.toLowerCase(),
    limit: 30,
  });
