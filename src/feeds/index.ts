/**
 * `astro-stagebloc/rss`: feeds of the StageBloc collections for Astro endpoints.
 *
 * ```ts
 * // src/pages/blog/rss.xml.ts
 * import { getCollection } from 'astro:content';
 * import { blogFeed } from 'astro-stagebloc/rss';
 * export const GET = async (context) =>
 *   blogFeed(context, { title: 'News', description: '…', entries: await getCollection('blog') });
 * ```
 */
export { blogFeed, blogFeedString, type BlogFeedOptions } from './blog-feed.js';
export { audioFeed, audioFeedString, type AudioFeedOptions } from './audio-feed.js';
export {
  buildJsonFeed,
  jsonFeed,
  offersFreeHighQuality,
  type JsonFeedAttachment,
  type JsonFeedAuthor,
  type JsonFeedDocument,
  type JsonFeedItem,
  type JsonFeedOptions,
} from './json-feed.js';
export { cachedContentLength, headContentLength, type ContentLengthOf, type HeadOptions } from './content-length.js';
export { isFeedPost, isFeedTrack } from './visibility.js';
export type { FeedContext, FeedBaseOptions } from './shared.js';
export {
  eventFile,
  eventFileString,
  eventsCalendar,
  eventsCalendarString,
  type CalendarBaseOptions,
  type EventFileOptions,
  type EventsCalendarOptions,
} from './ical.js';
export { webcalUrl } from '../entries/links.js';
