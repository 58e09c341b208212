// src/pages/audio.xml.ts
import type { APIRoute } from 'astro';
import { getCollection } from 'astro:content';
import { audioFeed } from 'astro-stagebloc/rss';

export const GET: APIRoute = async (context) =>
  audioFeed(context, {
    title: 'Juniper Static: music',
    description: 'Every track, newest first',
    tracks: await getCollection('tracks'),
    author: 'Juniper Static',
    category: 'Music',
    base: '/tracks/',
  });
