/**
 * JSON Feed items for upcoming shows and videos. A show is an item from when it was
 * announced (`created`), saying when and where it is; it leaves the feed once it has passed.
 * A video's item links to its page (on the site, else its service) with the poster as image.
 */
import { eventTimes, formatEventTimes, upcomingEvents, type TimeZoneOption } from '../entries/events.js';
import { cityLine } from '../entries/places.js';
import type { EventEntry, VideoEntry } from '../entries/types.js';
import { pickImage } from '../entries/images.js';
import { POSTER_PREFERENCE, videoPoster } from '../entries/videos.js';
import { publishableUrl } from '../text/urls.js';
import { htmlToText } from '../structured-data/text.js';
import { absolute, itemPath, type ItemLink } from './shared.js';
import { isPublicEntry } from './visibility.js';

/** The fields of a JSON Feed item these produce (a subset of JsonFeedItem). */
export interface ShowOrVideoItem {
  id: string;
  url?: string;
  external_url?: string;
  title: string;
  content_text: string;
  image?: string;
  date_published: string;
  date_modified: string;
}

export interface ShowItemOptions {
  timeZone?: TimeZoneOption | undefined;
  /** Shows that have passed by then are left out; default now (the build). */
  now?: Date | undefined;
  eventLink?: ItemLink<EventEntry>;
  /** Default "/tour/". */
  eventBase?: string | undefined;
  language?: string | undefined;
}

export function showItems(
  events: readonly EventEntry[],
  site: URL,
  options: ShowItemOptions,
): Array<[Date, ShowOrVideoItem]> {
  return upcomingEvents(events.filter(isPublicEntry), options).map((event) => {
    const d = event.data;
    const page = itemPath(event, options.eventLink, options.eventBase ?? '/tour/');
    const url = page && publishableUrl(page) ? absolute(page, site) : publishableUrl(d.stagebloc.shortUrl);
    const tickets = d.soldOut ? undefined : publishableUrl(d.buyLink);
    const when = formatEventTimes(eventTimes(event, options.timeZone), { locale: options.language });
    const where = d.location ? [d.location.name, cityLine(d.location.address)].filter(Boolean).join(', ') : '';
    const poster = pickImage(d.images, POSTER_PREFERENCE)?.url;
    return [
      d.created,
      {
        id: `stagebloc-event-${d.stagebloc.id}`,
        url,
        external_url: tickets ? absolute(tickets, site) : undefined,
        title: d.title,
        content_text: [[when, where].filter(Boolean).join(' · '), htmlToText(d.descriptionHtml)]
          .filter(Boolean)
          .join('\n\n'),
        image: poster ? absolute(poster, site) : undefined,
        date_published: d.created.toISOString(),
        date_modified: d.modified.toISOString(),
      },
    ];
  });
}

export interface VideoItemOptions {
  videoLink?: ItemLink<VideoEntry>;
  /** The site's video pages: `videoBase` + id; unset: items link to the video on its service. */
  videoBase?: string | undefined;
}

export function videoItems(
  videos: readonly VideoEntry[],
  site: URL,
  options: VideoItemOptions,
): Array<[Date, ShowOrVideoItem]> {
  return videos.filter(isPublicEntry).map((video) => {
    const d = video.data;
    const page = itemPath(video, options.videoLink, options.videoBase);
    const rawUrl = publishableUrl(d.rawUrl);
    const poster = videoPoster(video)?.url;
    return [
      d.created,
      {
        id: `stagebloc-video-${d.stagebloc.id}`,
        url: page && publishableUrl(page) ? absolute(page, site) : rawUrl,
        external_url: rawUrl,
        title: d.title,
        content_text: htmlToText(d.descriptionHtml) || d.title,
        image: poster ? absolute(poster, site) : undefined,
        date_published: d.created.toISOString(),
        date_modified: d.modified.toISOString(),
      },
    ];
  });
}
