// src/pages/feed.json.ts
import type { APIRoute } from 'astro';
import { getCollection } from 'astro:content';
import { jsonFeed } from 'astro-stagebloc/rss';

export const GET: APIRoute = async (context) =>
  jsonFeed(context, {
    title: 'Juniper Static',
    description: 'New music and news',
    tracks: await getCollection('tracks'),
    posts: await getCollection('blog'),
    trackBase: '/tracks/',
    postBase: '/blog/',
    limit: 20,
  });
