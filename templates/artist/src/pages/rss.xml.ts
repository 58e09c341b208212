import type { APIRoute } from 'astro';
import { getCollection } from 'astro:content';
import { blogFeed } from 'astro-stagebloc/rss';
import { getArtist } from '../artist.js';

export const GET: APIRoute = async (context) => {
  const band = await getArtist();
  return blogFeed(context, {
    title: band.name,
    description: band.description ?? `News from ${band.name}.`,
    entries: await getCollection('blog'),
    base: '/blog/post/',
  });
};
