/**
 * schema.org `VideoObject` for a video: name, description, thumbnail, upload date and the
 * player URL. `contentUrl` is the media file itself (schema.org and Google say so), which a
 * YouTube or Vimeo video does not give: it is only set when a site passes one; the video's
 * page on its service goes in `url` (or `sameAs`, when the site has its own page for it).
 */
import type { VideoEntry } from '../entries/types.js';
import { playableEmbedUrl, videoPoster } from '../entries/videos.js';
import { publishableUrl } from '../text/urls.js';
import { absoluteUrl, withoutEmpty, type JsonLd, type LinkOptions } from './json-ld.js';
import { htmlToText } from './text.js';

export interface VideoLdOptions extends LinkOptions {
  /** The video's page on the site. */
  url?: string | undefined;
  /** A video file the site hosts (MP4, …). */
  contentUrl?: string | undefined;
  nested?: boolean | undefined;
}

export function videoObjectLd(video: VideoEntry, options: VideoLdOptions = {}): JsonLd {
  const d = video.data;
  const page = absoluteUrl(options.url, options.site);
  const rawUrl = publishableUrl(d.rawUrl);
  const thumbnail = absoluteUrl(videoPoster(video)?.url, options.site);
  return withoutEmpty({
    ...(options.nested ? {} : { '@context': 'https://schema.org' as const }),
    '@type': 'VideoObject',
    '@id': page,
    name: d.title,
    // Google requires a description; the title is the honest fallback.
    description: htmlToText(d.descriptionHtml) || d.title,
    thumbnailUrl: thumbnail ? [thumbnail] : undefined,
    uploadDate: d.created.toISOString(),
    embedUrl: playableEmbedUrl(video),
    contentUrl: absoluteUrl(options.contentUrl, options.site),
    url: page ?? rawUrl,
    sameAs: page ? rawUrl : undefined,
  });
}
