import type { APIRoute } from 'astro';
import { getCollection } from 'astro:content';
import { blogFeed } from 'astro-stagebloc/rss';
import { SITE } from '../site.js';

export const GET: APIRoute = async (context) =>
  blogFeed(context, {
    title: SITE.name,
    description: SITE.description,
    entries: await getCollection('blog'),
    base: '/blog/post/',
  });
