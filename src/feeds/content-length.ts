/**
 * The byte length of a media file, for RSS enclosures, from a HEAD request. This
 * is the one place outside the loaders that touches the network, so it is a small
 * function the feeds take as an option (tests point it at the simulator's media
 * origin; sites can swap in a cache or a file-system lookup).
 */
import pLimit from 'p-limit';
import { discard, headerValue, httpRequest, isOk } from '../http/request.js';

export type ContentLengthOf = (url: string) => Promise<number>;

export interface HeadOptions {
  /** Per request. Default 10 s. */
  timeoutMs?: number;
}

/**
 * `Content-Length` of a HEAD response for absolute http(s) URLs; 0 when the URL is a
 * site path, the server does not say, answers with an error, or cannot be reached
 * (RSS allows 0 for an unknown length, and a feed must not fail the build over it).
 */
export async function headContentLength(url: string, options: HeadOptions = {}): Promise<number> {
  const { timeoutMs = 10_000 } = options;
  if (!/^https?:\/\//i.test(url)) return 0;
  try {
    const response = await httpRequest(new URL(url), {
      method: 'HEAD',
      redirect: 'follow',
      signal: AbortSignal.timeout(timeoutMs),
    });
    // HEAD has no body, but some servers send one anyway; never read it.
    discard(response);
    if (!isOk(response)) return 0;
    const header = headerValue(response.headers, 'content-length');
    return header && /^\d+$/.test(header.trim()) ? Number(header.trim()) : 0;
  } catch {
    return 0;
  }
}

/** A ContentLengthOf that asks each URL once, at most `concurrency` requests at a time. */
export function cachedContentLength(lookup: ContentLengthOf = headContentLength, concurrency = 4): ContentLengthOf {
  const limit = pLimit(concurrency);
  const cache = new Map<string, Promise<number>>();
  return (url) => {
    let pending = cache.get(url);
    if (!pending) {
      pending = limit(() => lookup(url));
      cache.set(url, pending);
    }
    return pending;
  };
}
