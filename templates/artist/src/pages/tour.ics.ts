// The calendar of upcoming shows fans subscribe to (the tour page links it as webcal:).
import type { APIRoute } from 'astro';
import { getCollection } from 'astro:content';
import { eventsCalendar } from 'astro-stagebloc/rss';
import { TIME_ZONES } from '../site.js';
import { getArtist } from '../artist.js';

export const GET: APIRoute = async (context) => {
  const band = await getArtist();
  return eventsCalendar(context, {
    title: `${band.name}: tour dates`,
    events: await getCollection('events'),
    timeZone: TIME_ZONES,
  });
};
