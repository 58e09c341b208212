// The calendar of upcoming shows that fans subscribe to (the tour page links it as webcal:).
import type { APIRoute } from 'astro';
import { getCollection } from 'astro:content';
import { eventsCalendar } from 'astro-stagebloc/rss';
import { TIME_ZONES } from '../site.js';
import { routes } from '../lib/routes.js';
import { getArtist } from '../lib/artist.js';

export const GET: APIRoute = async (context) => {
  const band = await getArtist();
  return eventsCalendar(context, {
    title: `${band.name}: tour dates`,
    description: `Upcoming shows of ${band.name}.`,
    events: await getCollection('events'),
    timeZone: TIME_ZONES,
    eventLink: (event) => routes.event(event),
  });
};
