// One show's "add to calendar" file, linked from its page.
import type { APIRoute, GetStaticPaths } from 'astro';
import { getCollection } from 'astro:content';
import { eventFile } from 'astro-stagebloc/rss';
import { TIME_ZONES } from '../../site.js';
import { routes } from '../../lib/routes.js';
import type { Event } from '../../lib/content.js';

export const getStaticPaths = (async () => {
  const events = await getCollection('events');
  return events.map((event) => ({ params: { id: event.id }, props: { event } }));
}) satisfies GetStaticPaths;

export const GET: APIRoute<{ event: Event }> = (context) => {
  const { event } = context.props;
  return eventFile(context, {
    title: event.data.title,
    event,
    timeZone: TIME_ZONES,
    eventLink: (e) => routes.event(e),
  });
};
