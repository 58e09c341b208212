/**
 * Sanitized rich text kept between builds, so a rebuild (or a CI build that keeps Astro's
 * cacheDir) sanitizes only the fields that changed. Sanitizing stays sanitize-html's job;
 * this only remembers its answers, keyed by a hash of the raw HTML and of everything that
 * decides the answer (this package's and sanitize-html's versions, the allowlist, the embed
 * hosts, the field bounds). A file holds what the last sync used and nothing else, unless
 * that sync kept entries without mapping them (see loaders/entry-reuse.ts): then it also
 * keeps what those were sanitized from, and only what was added is appended to it.
 *
 *   <cacheDir>/sanitized-<settings hash>.json
 *     {"version":2}                       first line
 *     ["<hash of the HTML>",html,[urls]]  one line per entry
 *
 * A lookup reads the file once, indexes its lines by hash (the hash sits at a fixed place
 * at the start of each line) and parses only the lines it asks for, so a rebuild that
 * sanitizes a few fields costs a few lines, not the whole cache.
 */
import { createHash, hash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { appendFile, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { MAX_HTML_CHARACTERS, MAX_HTML_TAGS } from '../text/html-bounds.js';
import { stageFile } from '../sync/atomic-write.js';
import { ALLOWED_ATTRIBUTES, ALLOWED_TAGS } from './html-allowlist.js';
import type { TrackedSanitize } from './sanitize.js';

const FORMAT_VERSION = 2;
const HEADER = `${JSON.stringify({ version: FORMAT_VERSION })}\n`;

export interface SanitizedCache {
  /** The cached result for `html`, or undefined. */
  get(html: string): TrackedSanitize | undefined;
  set(html: string, result: TrackedSanitize): void;
  /** Entries this sync does not look up are kept: they belong to entries it did not map again. */
  keepUnused(): void;
  /** Writes the entries this sync looked up or added; the others are dropped unless kept. Once per cache. */
  persist(): Promise<void>;
  /** Reads the file now, without blocking, for lookups soon (a rebuild reads it while it waits on the API). */
  preload(): void;
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

const keyOf = (html: string) => hash('sha256', html, 'base64url');
/** A sha256 in base64url, as keyOf gives it. */
const KEY_LENGTH = 43;
const NEWLINE = 0x0a;

type Stored = [html: string | null, urls: string[]];

/** The stored file, and where each of its lines starts by the key it starts with. */
type StoredIndex = { data: Buffer; index: Map<string, number>; length: number; endsWithNewline: boolean };

const NO_FILE: StoredIndex = { data: Buffer.alloc(0), index: new Map(), length: 0, endsWithNewline: true };

/** The lines of the stored file by the key they start with (`["<key>",`); empty when there is none or it is another version. */
function readIndex(file: string): StoredIndex {
  let data: Buffer | undefined;
  try {
    data = readFileSync(file);
  } catch {
    // No file yet: everything is sanitized afresh.
  }
  return indexLines(data);
}

// Offsets, not a view of each line: a rebuild reads a file of tens of thousands of lines to look up a few.
function indexLines(data: Buffer | undefined): StoredIndex {
  if (!data) return NO_FILE;
  if (!data.subarray(0, HEADER.length).equals(Buffer.from(HEADER))) return NO_FILE;
  const index = new Map<string, number>();
  let start = HEADER.length;
  while (start < data.length) {
    let end = data.indexOf(NEWLINE, start);
    if (end < 0) end = data.length;
    if (
      end - start > KEY_LENGTH + 4 &&
      data[start] === 0x5b &&
      data[start + 1] === 0x22 &&
      data[start + KEY_LENGTH + 2] === 0x22
    ) {
      index.set(data.toString('latin1', start + 2, start + KEY_LENGTH + 2), start);
    }
    start = end + 1;
  }
  return { data, index, length: data.length, endsWithNewline: data[data.length - 1] === NEWLINE };
}

/** The stored line of `key`, or undefined. */
function storedLine(stored: StoredIndex, key: string): Buffer | undefined {
  const start = stored.index.get(key);
  if (start === undefined) return undefined;
  const end = stored.data.indexOf(NEWLINE, start);
  return stored.data.subarray(start, end < 0 ? stored.data.length : end);
}

/** An indexed line's entry; undefined when it does not parse as one (a torn or tampered line: sanitized again). */
function entryOf(line: Buffer): Stored | undefined {
  try {
    const parsed = JSON.parse(line.toString('utf8')) as unknown[];
    const entry = [parsed[1], parsed[2]];
    return isStored(entry) ? entry : undefined;
  } catch {
    return undefined;
  }
}

const lineOf = (key: string, [html, urls]: Stored): Buffer => Buffer.from(JSON.stringify([key, html, urls]));
const LINE_END = Buffer.from('\n');

export function openSanitizedCache(cacheDir: string, embedHosts: readonly string[]): SanitizedCache {
  const file = join(cacheDir, `sanitized-${settingsHash(embedHosts)}.json`);
  // Read on the first lookup: a sync whose content is unchanged never needs it.
  let stored: StoredIndex | undefined;
  let preloading = false;
  // The lines this sync used, as they will be written: serialized when a result is set (in
  // the sync's idle time), or the stored line itself, so persisting serializes nothing.
  const used = new Map<string, Buffer>();
  const added = new Set<string>();
  let persisting: Promise<void> | undefined;
  let keepUnused = false;

  return {
    get(html) {
      const key = keyOf(html);
      let line = used.get(key);
      if (!line) {
        stored ??= readIndex(file);
        line = storedLine(stored, key);
        if (!line) return undefined;
      }
      const hit = entryOf(line);
      if (!hit) return undefined;
      used.set(key, line);
      return { html: hit[0], urls: hit[1] };
    },
    set(html, result) {
      const key = keyOf(html);
      used.set(key, lineOf(key, [result.html, result.urls]));
      added.add(key);
    },
    keepUnused() {
      keepUnused = true;
    },
    preload() {
      if (stored || preloading) return;
      preloading = true;
      readFile(file).then(
        (data) => (stored ??= indexLines(data)),
        () => undefined,
      );
    },
    persist() {
      return (persisting ??= (async () => {
        const linesOf = (keys: Iterable<string>) => {
          const parts: Buffer[] = [];
          for (const key of keys) parts.push(used.get(key)!, LINE_END);
          return parts;
        };
        const writeWhole = async (keys: Iterable<string>) =>
          (await stageFile(file, [Buffer.from(HEADER), ...linesOf(keys)], { writeNow: true })).commit();
        // Exactly what this sync used.
        if (!keepUnused) return writeWhole(used.keys());
        if (added.size === 0) return;
        stored ??= readIndex(file);
        if (stored.length === 0) return writeWhole(added);
        // Appending: a torn last line (a crash) is one entry sanitized again, and the next append starts on a line of its own.
        await appendFile(file, Buffer.concat([...(stored.endsWithNewline ? [] : [LINE_END]), ...linesOf(added)]));
      })());
    },
  };
}

function isStored(value: unknown): value is Stored {
  return (
    Array.isArray(value) &&
    (typeof value[0] === 'string' || value[0] === null) &&
    Array.isArray(value[1]) &&
    value[1].every((url: unknown) => typeof url === 'string')
  );
}
