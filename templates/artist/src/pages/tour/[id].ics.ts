// One show's "add to calendar" file, linked from its page.
import type { APIRoute, GetStaticPaths } from 'astro';
import { getCollection, type CollectionEntry } from 'astro:content';
import { eventFile } from 'astro-stagebloc/rss';
import { TIME_ZONES } from '../../site.js';

export const getStaticPaths = (async () =>
  (await getCollection('events')).map((event) => ({
    params: { id: event.id },
    props: { event },
  }))) satisfies GetStaticPaths;

export const GET: APIRoute<{ event: CollectionEntry<'events'> }> = (context) =>
  eventFile(context, { title: context.props.event.data.title, event: context.props.event, timeZone: TIME_ZONES });
