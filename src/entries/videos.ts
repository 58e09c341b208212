/** Videos for pages, feeds and JSON-LD: which URL a click-to-load player may open, its poster, its service. */
import { publishableUrl } from '../text/urls.js';
import { pickImage } from './images.js';
import type { EntryImage, ImageSizeName, VideoEntry } from './types.js';

/** A poster fills a player's box: the large image first, never the thumbnail unless nothing else. */
export const POSTER_PREFERENCE: readonly ImageSizeName[] = ['large', 'medium', 'original', 'small', 'thumbnail'];

export function videoPoster(video: VideoEntry): EntryImage | undefined {
  return pickImage(video.data.images, POSTER_PREFERENCE);
}

/**
 * The URL a player may load into an iframe: the entry's `embedUrl` when it is https (the
 * loaders already kept it to the embed-host allowlist; props may come from anywhere).
 */
export function playableEmbedUrl(video: VideoEntry): string | undefined {
  const url = publishableUrl(video.data.embedUrl);
  return url && /^https:\/\//i.test(url) ? url : undefined;
}

const SERVICES: ReadonlyArray<[RegExp, string]> = [
  [/(^|\.)(youtube(-nocookie)?\.com|youtu\.be)$/i, 'YouTube'],
  [/(^|\.)vimeo\.com$/i, 'Vimeo'],
];

/** "YouTube", "Vimeo", else the host of the video's page; undefined without a usable URL. */
export function videoService(url: string | null | undefined): string | undefined {
  const checked = publishableUrl(url);
  if (!checked || !/^https?:/i.test(checked)) return undefined;
  const host = new URL(checked).hostname.replace(/^www\./, '');
  return SERVICES.find(([pattern]) => pattern.test(host))?.[1] ?? host;
}
