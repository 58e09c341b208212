/**
 * StageBloc media inside HTML fields (blog bodies, descriptions): `<img src/srcset>`,
 * `<audio>/<video>/<source src>`, `<source srcset>` and links to image/audio files. With
 * `media: 'self-host'` those files are downloaded into the media cache and the HTML is
 * rewritten to the self-hosted paths, exactly like entry images and streams, so the built
 * site never depends on StageBloc's CDN (nor, in demo mode, on the build-time simulator).
 *
 * Runs on HTML the loaders already sanitized (sanitize.ts): this pass only rewrites URLs
 * and removes elements, it is not a security boundary. It runs after sanitizing on purpose:
 * the sanitizer must see the original URLs to remove media of private or locked items.
 */
import pLimit from 'p-limit';
import sanitizeHtml from 'sanitize-html';
import type { AccountContent } from '../../sync/account-data.js';
import { ALLOWED_ATTRIBUTES, ALLOWED_TAGS } from '../html-allowlist.js';
import type { MappedEntry } from '../entries.js';
import { sanitizeRichText } from '../sanitize.js';
import { isMissingMedia, type MediaCache } from '../../sync/media/media-cache.js';
import { accountMediaHosts, mediaKindOfUrl, stageblocMediaMatcher, type MediaFileKind } from './media-hosts.js';
import { localMediaPath } from './resolve-media.js';

export interface InlineMediaRef {
  url: string;
  /** What the element or extension says the file is; `other`: a link to a non-media file. */
  kind: MediaFileKind;
}

/**
 * The replacement for one media URL: a new URL, or null to remove the element (`img`,
 * `audio`, `video`, `source`), the `srcset` candidate, or the link (an `a` keeps its text).
 */
export type ReplaceMedia = (ref: InlineMediaRef) => string | null;

/** Marks an element for removal between transformTags and exclusiveFilter; never output. */
const REMOVE = 'data-astro-stagebloc-remove';

/** The media elements this pass rewrites besides the allowlist's (HTML from elsewhere may have them). */
const MEDIA_ELEMENT_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = {
  img: ['srcset'],
  audio: ['src', 'controls', 'preload'],
  video: ['src', 'controls', 'preload', 'poster', 'width', 'height'],
  source: ['src', 'srcset', 'type', 'media', 'sizes'],
  picture: [],
};
const SECOND_PASS_TAGS = [...new Set([...ALLOWED_TAGS, ...Object.keys(MEDIA_ELEMENT_ATTRIBUTES)])];
// The marker must survive the attribute filter to reach exclusiveFilter, which drops its element.
const SECOND_PASS_ATTRIBUTES: Record<string, string[]> = Object.fromEntries(
  SECOND_PASS_TAGS.map((tag) => [
    tag,
    [...(ALLOWED_ATTRIBUTES[tag] ?? []), ...(MEDIA_ELEMENT_ATTRIBUTES[tag] ?? []), REMOVE],
  ]),
);

type Attributes = Record<string, string>;

function rewriteSrcset(
  value: string,
  kind: MediaFileKind,
  rewrite: (url: string, kind: MediaFileKind) => string | null,
): string | null {
  const candidates: string[] = [];
  for (const candidate of value.split(',')) {
    const [url, ...descriptor] = candidate.trim().split(/\s+/);
    if (!url) continue;
    const replaced = rewrite(url, kind);
    if (replaced !== null) candidates.push([replaced, ...descriptor].join(' '));
  }
  return candidates.length > 0 ? candidates.join(', ') : null;
}

/** Rewrites the StageBloc media URLs of one sanitized HTML fragment. */
export function rewriteInlineMedia(html: string, isMedia: (url: string) => boolean, replace: ReplaceMedia): string {
  const rewrite = (url: string, kind: MediaFileKind) => (isMedia(url) ? replace({ url, kind }) : url);

  /** Rewrites `name` in place; false when the element must go. */
  const urlAttribute = (attribs: Attributes, name: string, kind: MediaFileKind): boolean => {
    const value = attribs[name]?.trim();
    if (!value) return true;
    const replaced = rewrite(value, kind);
    if (replaced === null) return false;
    attribs[name] = replaced;
    return true;
  };
  const srcsetAttribute = (attribs: Attributes, kind: MediaFileKind) => {
    const value = attribs.srcset;
    if (value === undefined) return;
    const replaced = rewriteSrcset(value, kind, rewrite);
    if (replaced === null) delete attribs.srcset;
    else attribs.srcset = replaced;
  };
  const element =
    (kindOf: (attribs: Attributes) => { src: MediaFileKind; srcset: MediaFileKind }) =>
    (tagName: string, original: Attributes) => {
      const attribs = { ...original };
      const kinds = kindOf(attribs);
      const keep = urlAttribute(attribs, 'src', kinds.src);
      srcsetAttribute(attribs, kinds.srcset);
      if (!keep) attribs[REMOVE] = '';
      return { tagName, attribs };
    };

  return sanitizeHtml(html, {
    // The first pass's own allowlist: everything it let through stays (this pass only
    // touches media URLs), and nothing else could appear even if this ran on raw HTML.
    allowedTags: SECOND_PASS_TAGS,
    allowedAttributes: SECOND_PASS_ATTRIBUTES,
    allowedSchemes: ['http', 'https', 'mailto', 'tel'],
    allowProtocolRelative: false,
    selfClosing: [...sanitizeHtml.defaults.selfClosing, 'source', 'track'],
    transformTags: {
      img: element(() => ({ src: 'image', srcset: 'image' })),
      audio: element(() => ({ src: 'audio', srcset: 'audio' })),
      video: element(() => ({ src: 'audio', srcset: 'audio' })),
      // <source src> plays in <audio>/<video>; <source srcset> is a <picture> image.
      source: element(() => ({ src: 'audio', srcset: 'image' })),
      a: (tagName, original) => {
        const attribs = { ...original };
        const href = attribs.href?.trim();
        if (href && !urlAttribute(attribs, 'href', mediaKindOfUrl(href))) attribs[REMOVE] = '';
        return { tagName, attribs };
      },
    },
    exclusiveFilter: (frame) => (REMOVE in frame.attribs ? (frame.tag === 'a' ? 'excludeTag' : true) : false),
  }).trim();
}

/** Every StageBloc media URL one sanitized HTML fragment references. */
export function findInlineMedia(html: string, isMedia: (url: string) => boolean): InlineMediaRef[] {
  const found = new Map<string, InlineMediaRef>();
  rewriteInlineMedia(html, isMedia, (ref) => {
    // An element says more than an extension: keep the first concrete kind seen.
    const known = found.get(ref.url);
    if (!known || known.kind === 'other') found.set(ref.url, ref);
    return ref.url;
  });
  return [...found.values()];
}

/** The HTML fields of a mapped entry: descriptions, and blog bodies. */
function htmlFieldsOf(entry: MappedEntry): string[] {
  const fields: string[] = [];
  if (typeof entry.data.descriptionHtml === 'string') fields.push(entry.data.descriptionHtml);
  if (entry.rendered?.html) fields.push(entry.rendered.html);
  return fields;
}

export interface SelfHostHtmlMediaInput {
  isMedia: (url: string) => boolean;
  cache: MediaCache;
  /** Astro's `base`. */
  base: string;
  warn: (message: string) => void;
  /**
   * Offline builds (a snapshot source): a file that cannot be downloaded is removed with a
   * warning instead of failing the build, which has no network to retry with anyway.
   */
  offline?: boolean;
}

/**
 * Downloads the media the entries' HTML references and returns the entries with their HTML
 * pointing at the self-hosted copies. A file the server says is gone (403/404/410) is
 * removed from the HTML with a warning, as is a link to a StageBloc-hosted file that is
 * neither an image nor audio; any other download failure fails the sync (like entry media),
 * so a network hiccup never silently strips content that the next build would not restore.
 */
export async function selfHostHtmlMedia(entries: MappedEntry[], input: SelfHostHtmlMediaInput): Promise<MappedEntry[]> {
  const refs = new Map<string, InlineMediaRef>();
  // HTML with no StageBloc media is left byte for byte as the sanitizer wrote it.
  const withMedia = new Set<string>();
  for (const entry of entries) {
    for (const html of htmlFieldsOf(entry)) {
      const found = findInlineMedia(html, input.isMedia);
      if (found.length > 0) withMedia.add(html);
      for (const ref of found) {
        const known = refs.get(ref.url);
        if (!known || known.kind === 'other') refs.set(ref.url, ref);
      }
    }
  }
  if (refs.size === 0) return entries;

  const local = new Map<string, string | null>();
  const gone: string[] = [];
  const unlinked: string[] = [];
  const limit = pLimit(4);
  await Promise.all(
    [...refs.values()].map((ref) =>
      limit(async () => {
        if (ref.kind === 'other') {
          unlinked.push(ref.url);
          local.set(ref.url, null);
          return;
        }
        try {
          const file = await input.cache.download(ref.url, ref.kind);
          local.set(ref.url, localMediaPath(input.base, ref.kind === 'image' ? 'images' : 'audio', file.name));
        } catch (error) {
          if (!isMissingMedia(error) && !input.offline) throw error;
          gone.push(error instanceof Error ? error.message : ref.url);
          local.set(ref.url, null);
        }
      }),
    ),
  );
  await input.cache.flush();
  if (gone.length > 0) {
    const what = input.offline ? 'could not be downloaded in this offline build' : 'no longer exist';
    input.warn(
      `${gone.length} StageBloc media file(s) linked from HTML ${what} (e.g. ${gone[0]}); removed them from the HTML.`,
    );
  }
  if (unlinked.length > 0) {
    input.warn(
      `${unlinked.length} link(s) in HTML point at StageBloc-hosted files that are neither images nor audio; kept their text, removed the links.`,
    );
  }

  const replace: ReplaceMedia = (ref) => local.get(ref.url) ?? null;
  const localize = (html: string) => (withMedia.has(html) ? rewriteInlineMedia(html, input.isMedia, replace) : html);
  return entries.map((entry) => {
    if (!htmlFieldsOf(entry).some((html) => withMedia.has(html))) return entry;
    const description = entry.data.descriptionHtml;
    return {
      ...entry,
      data: typeof description === 'string' ? { ...entry.data, descriptionHtml: localize(description) } : entry.data,
      ...(entry.rendered ? { rendered: { ...entry.rendered, html: localize(entry.rendered.html) } } : {}),
    };
  });
}

/**
 * Every StageBloc media file the account's HTML fields (blog bodies, descriptions) link to,
 * for `stagebloc snapshot --media`, so an offline self-hosted build finds them in the
 * snapshot's media cache. A superset of what a build publishes: every item, whatever its
 * visibility (as the snapshot itself holds every item).
 */
export function accountHtmlMedia(
  content: Partial<AccountContent>,
  extraHosts: readonly string[] = [],
): InlineMediaRef[] {
  const isMedia = stageblocMediaMatcher([...accountMediaHosts(content), ...extraHosts]);
  const html: Array<string | null> = [
    ...(content.blog ?? []).map((post) => post.body),
    ...[content.tracks, content.playlists, content.photos, content.albums, content.events, content.videos].flatMap(
      (items) => (items ?? []).map((item: { description: string | null }) => item.description),
    ),
  ];
  const found = new Map<string, InlineMediaRef>();
  for (const fragment of html) {
    const sanitized = sanitizeRichText(fragment);
    if (!sanitized) continue;
    for (const ref of findInlineMedia(sanitized, isMedia)) {
      if (ref.kind !== 'other' && !found.has(ref.url)) found.set(ref.url, ref);
    }
  }
  return [...found.values()];
}
