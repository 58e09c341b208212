/**
 * Sanitized rich text for the mappers, optionally prepared ahead. Sanitizing blog bodies is
 * most of a sync's CPU time, and a sync spends most of its wall time waiting on the
 * network, so items are sanitized as they arrive (in idle time) rather than after the last
 * page. What cannot be known then is which media URLs the whole account blocks (private
 * items may come on a later page), so a prepared result remembers the URLs the sanitizer's
 * blocked-URL check looked at; if none of them turns out to be blocked, the prepared HTML
 * is exactly what sanitizing with the blocked set gives, and otherwise it is sanitized
 * again.
 */
import type { IdleQueue } from '../sync/idle-queue.js';
import type { SanitizedCache } from './sanitized-cache.js';
import {
  excerptOfSanitized,
  sanitizeRichText,
  sanitizeRichTextTracked,
  touchesBlocked,
  type SanitizeOptions,
  type TrackedSanitize,
} from './sanitize.js';

export interface RichText {
  sanitize(html: string | null | undefined, blockedUrls: ReadonlySet<string>): string | null;
  /** The entry excerpt of sanitized HTML. */
  excerpt(html: string): string;
  /** The URLs the blocked-media check looks at in `html`: only these decide what blocking changes. */
  checkedUrls(html: string | null | undefined): readonly string[];
}

export interface PreparedRichText extends RichText {
  /** Queues `html` to be sanitized (and, with `excerpt`, summarized) in idle time. */
  prepare(html: string | null | undefined, options?: { excerpt?: boolean }): void;
}

type AccountIndependent = Omit<SanitizeOptions, 'blockedUrls'>;

/** Sanitizes on demand: mapping a snapshot, or content nobody prepared. */
export function directRichText(options: AccountIndependent = {}): RichText {
  return {
    sanitize: (html, blockedUrls) => sanitizeRichText(html, { ...options, blockedUrls }),
    excerpt: (html) => excerptOfSanitized(html),
    checkedUrls: (html) => sanitizeRichTextTracked(html, options).urls,
  };
}

/** `cache` keeps the account-independent results between builds (see sanitized-cache.ts). */
export function preparedRichText(
  options: AccountIndependent,
  idle: IdleQueue,
  cache?: SanitizedCache,
): PreparedRichText {
  const sanitized = new Map<string, TrackedSanitize>();
  const excerpts = new Map<string, string>();
  // HTML that links to blocked media, sanitized with them: by the blocked URLs it links to.
  const withBlocked = new Map<string, { blocked: string; html: string | null }>();
  const direct = directRichText(options);

  const sanitizeOnce = (html: string): TrackedSanitize => {
    let done = sanitized.get(html);
    if (!done) {
      done = cache?.get(html);
      if (!done) {
        done = sanitizeRichTextTracked(html, options);
        cache?.set(html, done);
      }
      sanitized.set(html, done);
    }
    return done;
  };
  const excerptOnce = (html: string): string => {
    let done = excerpts.get(html);
    if (done === undefined) {
      done = excerptOfSanitized(html);
      excerpts.set(html, done);
    }
    return done;
  };

  return {
    prepare(html, { excerpt = false } = {}) {
      if (!html || sanitized.has(html)) return;
      idle.push(() => {
        const done = sanitizeOnce(html);
        if (excerpt && done.html) excerptOnce(done.html);
      });
    },
    sanitize(html, blockedUrls) {
      if (!html) return direct.sanitize(html, blockedUrls);
      const prepared = sanitizeOnce(html);
      if (!touchesBlocked(prepared.urls, blockedUrls)) return prepared.html;
      // Only the checked URLs decide what blocking changes: the same ones blocked, the same HTML.
      const blocked = JSON.stringify(prepared.urls.filter((url) => blockedUrls.has(url)));
      const known = withBlocked.get(html);
      if (known?.blocked === blocked) return known.html;
      const result = direct.sanitize(html, blockedUrls);
      withBlocked.set(html, { blocked, html: result });
      return result;
    },
    excerpt: excerptOnce,
    checkedUrls: (html) => (html ? sanitizeOnce(html).urls : []),
  };
}

/**
 * Sanitizes on demand and remembers the last `capacity` results (least recently used go
 * first): a server rendering pages on request sees the same bodies again and again, for
 * as long as it runs, so the memory it keeps must be bounded.
 */
export function boundedRichText(options: AccountIndependent, capacity = 2_000): RichText {
  const sanitized = new Map<string, TrackedSanitize>();
  const direct = directRichText(options);
  const remembered = (html: string): TrackedSanitize => {
    let done = sanitized.get(html);
    if (done) sanitized.delete(html);
    else done = sanitizeRichTextTracked(html, options);
    sanitized.set(html, done);
    if (sanitized.size > capacity) sanitized.delete(sanitized.keys().next().value!);
    return done;
  };
  return {
    sanitize(html, blockedUrls) {
      if (!html) return direct.sanitize(html, blockedUrls);
      const done = remembered(html);
      return touchesBlocked(done.urls, blockedUrls) ? direct.sanitize(html, blockedUrls) : done.html;
    },
    excerpt: (html) => excerptOfSanitized(html),
    checkedUrls: (html) => (html ? remembered(html).urls : []),
  };
}
