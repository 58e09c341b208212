/**
 * A podcast-style RSS 2.0 feed of the tracks (itunes namespace): one 128 kb MP3
 * enclosure per public, unlocked track, with its byte length (the entry's `streamBytes`
 * for self-hosted media, else a HEAD request; 0 when the server does not say) and
 * `itunes:duration`.
 */
import { getRssString } from '@astrojs/rss';
import type { TrackEntry } from '../entries/types.js';
import { htmlToText } from '../structured-data/text.js';
import { cachedContentLength, type ContentLengthOf } from './content-length.js';
import {
  absolute,
  escapeXml,
  itemPath,
  newest,
  siteOf,
  withoutControlCharacters,
  xmlFeedResponse,
  type FeedBaseOptions,
  type FeedContext,
  type ItemLink,
} from './shared.js';
import { isFeedTrack } from './visibility.js';

export interface AudioFeedOptions extends FeedBaseOptions {
  tracks: readonly TrackEntry[];
  /** A track's page path or URL. Default: `base` + id when `base` is set, else the track's StageBloc short URL. */
  link?: ItemLink<TrackEntry>;
  base?: string;
  /** `itunes:author`, and the artist for tracks without one. */
  author?: string;
  /** Square cover art URL or path (`itunes:image`). */
  image?: string;
  /** `itunes:category`, e.g. "Music". */
  category?: string;
  explicit?: boolean;
  language?: string;
  /** Byte length of an enclosure whose entry has no `streamBytes`. Default: HEAD request (cached, 4 at a time). */
  contentLength?: ContentLengthOf;
  customData?: string;
  stylesheet?: string;
}

const ITUNES = 'http://www.itunes.com/dtds/podcast-1.0.dtd';
const DC = 'http://purl.org/dc/elements/1.1/';

async function rssOptions(context: FeedContext, options: AudioFeedOptions) {
  const site = siteOf(context, options);
  const lengthOf = options.contentLength ?? cachedContentLength();
  const tracks = newest(options.tracks.filter(isFeedTrack), (t) => t.data.created, options.limit);
  const explicit = options.explicit ? 'true' : 'false';
  const channel = [
    options.language && `<language>${escapeXml(options.language)}</language>`,
    options.author && `<itunes:author>${escapeXml(options.author)}</itunes:author>`,
    options.image && `<itunes:image href="${escapeXml(absolute(options.image, site))}"/>`,
    options.category && `<itunes:category text="${escapeXml(options.category)}"/>`,
    `<itunes:explicit>${explicit}</itunes:explicit>`,
    options.customData,
  ];
  const items = await Promise.all(
    tracks.map(async (track) => {
      const d = track.data;
      const streamUrl = absolute(d.streamUrl!, site);
      const page = itemPath(track, options.link, options.base) ?? d.stagebloc.shortUrl ?? undefined;
      const artist = d.artist ?? options.author;
      const seconds = d.duration !== null ? Math.round(d.duration) : undefined;
      return {
        title: d.title,
        link: page ? absolute(page, site) : undefined,
        pubDate: d.created,
        description: htmlToText(d.descriptionHtml) || d.title,
        // Self-hosted streams are site paths a HEAD cannot reach at build time; the loaders know their size.
        enclosure: { url: streamUrl, length: d.streamBytes ?? (await lengthOf(streamUrl)), type: 'audio/mpeg' },
        customData: [
          artist && `<itunes:author>${escapeXml(artist)}</itunes:author>`,
          artist && `<dc:creator>${escapeXml(artist)}</dc:creator>`,
          seconds !== undefined && `<itunes:duration>${seconds}</itunes:duration>`,
          `<itunes:explicit>${explicit}</itunes:explicit>`,
          // Without a page link there is no permalink guid; the StageBloc id is stable.
          page ? '' : `<guid isPermaLink="false">stagebloc-track-${d.stagebloc.id}</guid>`,
        ]
          .filter(Boolean)
          .join(''),
      };
    }),
  );
  return {
    title: options.title,
    description: options.description,
    site,
    xmlns: { itunes: ITUNES, dc: DC },
    stylesheet: options.stylesheet,
    customData: channel.filter(Boolean).join(''),
    items,
  };
}

export async function audioFeed(context: FeedContext, options: AudioFeedOptions): Promise<Response> {
  return xmlFeedResponse(await getRssString(await rssOptions(context, options)));
}

export async function audioFeedString(context: FeedContext, options: AudioFeedOptions): Promise<string> {
  return withoutControlCharacters(await getRssString(await rssOptions(context, options)));
}
