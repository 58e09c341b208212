/**
 * Sanitized rich text kept between builds, so a rebuild (or a CI build that keeps Astro's
 * cacheDir) sanitizes only the fields that changed. Sanitizing stays sanitize-html's job;
 * this only remembers its answers, keyed by a hash of the raw HTML and of everything that
 * decides the answer (this package's and sanitize-html's versions, the allowlist, the embed
 * hosts, the field bounds). A file holds what the last sync used and nothing else, unless
 * that sync kept entries without mapping them (see loaders/entry-reuse.ts): then it also
 * keeps what those were sanitized from, and is written only if something was added.
 *
 *   <cacheDir>/sanitized-<settings hash>.json   { version, entries: { <hash>: [html, urls] } }
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { MAX_HTML_CHARACTERS, MAX_HTML_TAGS } from '../text/html-bounds.js';
import { writeFileAtomic } from '../sync/atomic-write.js';
import { ALLOWED_ATTRIBUTES, ALLOWED_TAGS } from './html-allowlist.js';
import type { TrackedSanitize } from './sanitize.js';

const FORMAT_VERSION = 1;

export interface SanitizedCache {
  /** The cached result for `html`, or undefined. */
  get(html: string): TrackedSanitize | undefined;
  set(html: string, result: TrackedSanitize): void;
  /** Entries this sync does not look up are kept: they belong to entries it did not map again. */
  keepUnused(): void;
  /** Writes the entries this sync looked up or added; the others are dropped unless kept. Once per cache. */
  persist(): Promise<void>;
}

const require = createRequire(import.meta.url);

/** Everything besides the HTML itself that decides what sanitizing gives. */
function settingsHash(embedHosts: readonly string[]): string {
  const versions = {
    package: (require('../../package.json') as { version: string }).version,
    sanitizeHtml: (require('sanitize-html/package.json') as { version: string }).version,
  };
  const settings = {
    versions,
    ALLOWED_TAGS,
    ALLOWED_ATTRIBUTES,
    embedHosts,
    bounds: [MAX_HTML_CHARACTERS, MAX_HTML_TAGS],
  };
  return createHash('sha256').update(JSON.stringify(settings)).digest('hex').slice(0, 16);
}

const keyOf = (html: string) => createHash('sha256').update(html).digest('base64url');

type Stored = [html: string | null, urls: string[]];

export function openSanitizedCache(cacheDir: string, embedHosts: readonly string[]): SanitizedCache {
  const file = join(cacheDir, `sanitized-${settingsHash(embedHosts)}.json`);
  // Read on the first lookup, all at once: a sync whose content is unchanged never needs it.
  let stored: Record<string, Stored> | undefined;
  const used = new Map<string, Stored>();
  let persisting: Promise<void> | undefined;
  let keepUnused = false;
  let added = false;

  return {
    get(html) {
      stored ??= readStored(file);
      const key = keyOf(html);
      const hit = used.get(key) ?? (Object.hasOwn(stored, key) ? stored[key] : undefined);
      if (!isStored(hit)) return undefined;
      used.set(key, hit);
      return { html: hit[0], urls: hit[1] };
    },
    set(html, result) {
      used.set(keyOf(html), [result.html, result.urls]);
      added = true;
    },
    keepUnused() {
      keepUnused = true;
    },
    persist() {
      return (persisting ??= (async () => {
        if (keepUnused && !added) return;
        const entries = keepUnused
          ? { ...(stored ??= readStored(file)), ...Object.fromEntries(used) }
          : Object.fromEntries(used);
        await writeFileAtomic(file, JSON.stringify({ version: FORMAT_VERSION, entries }));
      })());
    },
  };
}

function readStored(file: string): Record<string, Stored> {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as { version?: unknown; entries?: Record<string, Stored> };
    return parsed.version === FORMAT_VERSION && parsed.entries ? parsed.entries : {};
  } catch {
    // No file yet, or one we cannot read: everything is sanitized afresh.
    return {};
  }
}

function isStored(value: unknown): value is Stored {
  return (
    Array.isArray(value) &&
    (typeof value[0] === 'string' || value[0] === null) &&
    Array.isArray(value[1]) &&
    value[1].every((url: unknown) => typeof url === 'string')
  );
}
