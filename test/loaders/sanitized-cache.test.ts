/**
 * Sanitized rich text kept between builds: a second sync sanitizes only the fields that
 * changed (counted: every sanitizing ends in the cache's `set`), keeps exactly what it
 * used, and a change of settings or a damaged file only costs a fresh sanitize.
 */
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createIdleQueue } from '../../src/sync/idle-queue.js';
import { preparedRichText } from '../../src/content/rich-text.js';
import { sanitizeRichText } from '../../src/content/sanitize.js';
import { openSanitizedCache, type SanitizedCache } from '../../src/content/sanitized-cache.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'stagebloc-sanitized-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const FIELDS = Array.from(
  { length: 20 },
  (_, i) => `<p>Post ${i} <a href="https://example.com/${i}">link</a><script>alert(${i})</script></p>`,
);
const NONE = new Set<string>();

/** The entries of the cache file: its lines after the version line, as [hash, html, urls]. */
async function storedEntries(): Promise<unknown[][]> {
  const [file] = (await readdir(dir)).filter((f) => f.startsWith('sanitized-'));
  const [header, ...lines] = (await readFile(join(dir, file!), 'utf8')).trimEnd().split('\n');
  expect(JSON.parse(header!)).toEqual({ version: 2 });
  return lines.map((line) => JSON.parse(line) as unknown[]);
}

/** One sync's rich text over `fields`; returns the outputs and how many fields were sanitized. */
async function sync(fields: string[], embedHosts?: string[], keepUnused = false) {
  const cache = openSanitizedCache(dir, embedHosts ?? ['www.youtube.com']);
  if (keepUnused) cache.keepUnused();
  let sanitized = 0;
  const counting: SanitizedCache = { ...cache, set: (h, r) => (sanitized++, cache.set(h, r)) };
  const richText = preparedRichText(
    embedHosts ? { embedHosts } : { embedHosts: ['www.youtube.com'] },
    createIdleQueue(),
    counting,
  );
  const out = fields.map((html) => richText.sanitize(html, NONE));
  await counting.persist();
  return { out, sanitized };
}

describe('the sanitized-HTML cache', () => {
  it('sanitizes only changed fields on the next sync, with the same results', async () => {
    const first = await sync(FIELDS);
    expect(first.sanitized).toBe(20);
    expect(first.out).toEqual(FIELDS.map((html) => sanitizeRichText(html, { embedHosts: ['www.youtube.com'] })));
    expect(first.out.join('')).not.toContain('<script');

    const changed = FIELDS.map((html, i) => (i < 3 ? html.replace('Post', 'Edited post') : html));
    const second = await sync(changed);
    expect(second.sanitized).toBe(3);
    expect(second.out).toEqual(changed.map((html) => sanitizeRichText(html, { embedHosts: ['www.youtube.com'] })));
  });

  it('keeps only what the last sync used', async () => {
    await sync(FIELDS);
    await sync(FIELDS.slice(0, 5));
    expect(await storedEntries()).toHaveLength(5);
    expect((await sync(FIELDS)).sanitized).toBe(15);
  });

  it('keeps what it did not look up when entries were kept without mapping, appending only what it added', async () => {
    await sync(FIELDS);
    const before = await storedEntries();
    await sync([...FIELDS.slice(0, 5), '<p>New</p>'], undefined, true);
    const after = await storedEntries();
    expect(after).toHaveLength(21);
    expect(after.slice(0, 20)).toEqual(before);
    expect(after[20]![1]).toBe('<p>New</p>');
    expect((await sync(FIELDS)).sanitized).toBe(0);
  });

  it('a torn last line (a crash while appending) costs that entry only, and the next append starts a line of its own', async () => {
    await sync(FIELDS);
    const [file] = (await readdir(dir)).filter((f) => f.startsWith('sanitized-'));
    const text = await readFile(join(dir, file!), 'utf8');
    await writeFile(join(dir, file!), text.slice(0, -20));
    const again = await sync([...FIELDS, '<p>New</p>'], undefined, true);
    expect(again.sanitized).toBe(2);
    expect(again.out.at(-1)).toBe('<p>New</p>');
    expect(await storedEntries().catch(() => null)).toBeNull();
    const lines = (await readFile(join(dir, file!), 'utf8')).trimEnd().split('\n');
    expect(JSON.parse(lines.at(-1)!)[1]).toBe('<p>New</p>');
    expect((await sync(FIELDS)).sanitized).toBe(0);
  });

  it('starts afresh for other settings, and from a damaged or tampered file', async () => {
    await sync(FIELDS);
    expect((await sync(FIELDS, ['player.vimeo.com'])).sanitized).toBe(20);
    const [file] = (await readdir(dir)).filter((f) => f.startsWith('sanitized-'));
    await writeFile(join(dir, file!), '{not json');
    expect((await sync(FIELDS)).sanitized).toBe(20);
    const text = await readFile(join(dir, file!), 'utf8');
    const tampered = text
      .split('\n')
      .map((line, i) =>
        i === 0 || !line ? line : JSON.stringify([JSON.parse(line)[0], { html: '<script>x</script>' }]),
      )
      .join('\n');
    await writeFile(join(dir, file!), tampered);
    const afterTamper = await sync(FIELDS);
    expect(afterTamper.sanitized).toBe(20);
    expect(afterTamper.out.join('')).not.toContain('<script');
  });
});
