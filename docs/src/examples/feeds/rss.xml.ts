// src/pages/rss.xml.ts
import type { APIRoute } from 'astro';
import { getCollection } from 'astro:content';
import { blogFeed } from 'astro-stagebloc/rss';

export const GET: APIRoute = async (context) =>
  blogFeed(context, {
    title: 'Juniper Static: news',
    description: 'From the band',
    entries: await getCollection('blog'),
    base: '/blog/',
    limit: 20,
  });
