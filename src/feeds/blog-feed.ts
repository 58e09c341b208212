/** RSS 2.0 for the blog, on @astrojs/rss: full sanitized content, author, dates. */
import { getRssString } from '@astrojs/rss';
import type { BlogEntry } from '../entries/types.js';
import { postDate } from '../entries/blog.js';
import { feedHtml } from './sanitize.js';
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
import { isFeedPost } from './visibility.js';

export interface BlogFeedOptions extends FeedBaseOptions {
  entries: readonly BlogEntry[];
  /** A post's page path or URL. Default: `base` + id. */
  link?: ItemLink<BlogEntry>;
  /** Default "/blog/". */
  base?: string;
  /** Channel language, e.g. "en-us". */
  language?: string;
  /** Path of an XSL/CSS stylesheet for browsers. */
  stylesheet?: string;
  /** Extra XML inside <channel>. */
  customData?: string;
  /** Include the full post HTML as content:encoded. Default true. */
  fullContent?: boolean;
}

const DC = 'http://purl.org/dc/elements/1.1/';

function rssOptions(context: FeedContext, options: BlogFeedOptions) {
  const site = siteOf(context, options);
  const base = options.base ?? '/blog/';
  const posts = newest(options.entries.filter(isFeedPost), postDate, options.limit);
  return {
    title: options.title,
    description: options.description,
    site,
    xmlns: { dc: DC },
    stylesheet: options.stylesheet,
    customData: [options.language && `<language>${escapeXml(options.language)}</language>`, options.customData]
      .filter(Boolean)
      .join(''),
    items: posts.map((entry) => {
      const path = itemPath(entry, options.link, base);
      const author = entry.data.author?.name;
      return {
        title: entry.data.title,
        link: path ? absolute(path, site) : undefined,
        pubDate: postDate(entry),
        description: entry.data.excerpt || undefined,
        content: options.fullContent === false ? undefined : feedHtml(entry.rendered?.html ?? '', site),
        customData: author ? `<dc:creator>${escapeXml(author)}</dc:creator>` : undefined,
      };
    }),
  };
}

/** An endpoint response: `export const GET: APIRoute = (context) => blogFeed(context, {...})`. */
export function blogFeed(context: FeedContext, options: BlogFeedOptions): Promise<Response> {
  return getRssString(rssOptions(context, options)).then(xmlFeedResponse);
}

/** The same feed as a string. */
export function blogFeedString(context: FeedContext, options: BlogFeedOptions): Promise<string> {
  return getRssString(rssOptions(context, options)).then(withoutControlCharacters);
}
