/**
 * Which URLs are StageBloc media, so that with `media: 'self-host'` the media HTML fields
 * link to (a photo in a blog post, a link to an MP3) is self-hosted like entry images and
 * streams. StageBloc serves media from hosts of its own (cdn.stagebloc.com in the docs) and
 * a test or demo server from yet another one, so the hosts are learnt from the account: every
 * host an item's images or audio live on. Added to those: StageBloc's own domain (for
 * media files only: stagebloc.com pages are ordinary links) and hosts the site owner names
 * (`stagebloc({ mediaHosts })`).
 */
import { IMAGE_SIZES } from '../../sync/account-data.js';
import type { AccountContent } from '../../sync/account-data.js';

export type MediaFileKind = 'image' | 'audio' | 'other';

const IMAGE_EXTENSIONS = new Set(['jpg', 'jpeg', 'png', 'gif', 'webp', 'avif']);
const AUDIO_EXTENSIONS = new Set(['mp3', 'm4a', 'ogg', 'wav', 'aiff', 'aif']);

/** StageBloc's CDN as the API docs show it, whether or not the account uses it. */
export const STAGEBLOC_MEDIA_HOSTS: readonly string[] = ['cdn.stagebloc.com'];

/** What a URL's path says it is, by extension. */
export function mediaKindOfUrl(url: string): MediaFileKind {
  let pathname: string;
  try {
    pathname = new URL(url).pathname;
  } catch {
    return 'other';
  }
  const extension = /\.([a-z0-9]{2,5})$/i.exec(pathname)?.[1]?.toLowerCase() ?? '';
  if (IMAGE_EXTENSIONS.has(extension)) return 'image';
  if (AUDIO_EXTENSIONS.has(extension)) return 'audio';
  return 'other';
}

function hostOf(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.host.toLowerCase() : null;
  } catch {
    return null;
  }
}

/**
 * Every host (`hostname[:port]`) the account's media lives on, whatever the items'
 * visibility: only the hosts are used, never the URLs of hidden items.
 */
export function accountMediaHosts(content: Partial<AccountContent>): Set<string> {
  const hosts = new Set<string>();
  const add = (url: string | null | undefined) => {
    const host = hostOf(url);
    if (host) hosts.add(host);
  };
  for (const items of [
    content.playlists,
    content.photos,
    content.albums,
    content.events,
    content.videos,
    content.account,
  ]) {
    for (const item of items ?? []) for (const size of IMAGE_SIZES) add(item.images[size]?.url);
  }
  for (const track of content.tracks ?? []) {
    add(track.embedUrl);
    add(track.rawUrl);
  }
  return hosts;
}

/**
 * A predicate for "this URL is StageBloc media": any http(s) URL on one of `hosts` (compared
 * with the port, so an API on the same machine but another port is not media), or a media
 * file on stagebloc.com or one of its subdomains.
 */
export function stageblocMediaMatcher(hosts: Iterable<string>): (url: string) => boolean {
  const known = new Set([...STAGEBLOC_MEDIA_HOSTS, ...hosts].map((h) => h.toLowerCase()));
  return (url) => {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return false;
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return false;
    if (known.has(parsed.host.toLowerCase())) return true;
    const hostname = parsed.hostname.toLowerCase();
    const onStagebloc = hostname === 'stagebloc.com' || hostname.endsWith('.stagebloc.com');
    return onStagebloc && mediaKindOfUrl(url) !== 'other';
  };
}
