/**
 * Shared pieces of the loader build tests: reading a built site's collection dump, the
 * visibility policy restated over the simulator's wire records, and dist scanning.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { listFiles } from '../helpers/astro-build.js';

export interface DumpedEntry {
  id: string;
  data: Record<string, any>;
  resolved: Record<string, Array<string | null>>;
  html: string | null;
}

export type Dump = Record<
  'tracks' | 'playlists' | 'blog' | 'photos' | 'albums' | 'events' | 'videos' | 'statuses' | 'account',
  DumpedEntry[]
>;

export async function readDump(distDir: string): Promise<Dump> {
  return JSON.parse(await readFile(join(distDir, 'data.json'), 'utf8')) as Dump;
}

export const flag = (value: unknown): boolean => value === true || value === 1 || value === '1' || value === 'true';

/** 'Y-m-d H:i:s' (UTC) → ISO, as the dump serializes dates. */
export const wireDateToIso = (value: string) => new Date(`${value.replace(' ', 'T')}Z`).toISOString();

export const ids = (entries: DumpedEntry[]) => entries.map((e) => e.id).sort((a, b) => Number(a) - Number(b));

/** Concatenated text of every file of a built site (HTML, JSON, JS, CSS, XML). */
export async function distText(distDir: string): Promise<string> {
  const files = (await listFiles(distDir)).filter((f) => /\.(html|json|js|mjs|css|xml|txt)$/.test(f));
  const parts = await Promise.all(files.map((f) => readFile(join(distDir, f), 'utf8')));
  return parts.join('\n');
}

export async function hashFile(path: string): Promise<string> {
  return createHash('sha256')
    .update(await readFile(path))
    .digest('hex');
}

/** Per-collection numbers from the loader's summary lines, e.g. "tracks: 12 entries from StageBloc; 1 added/updated, 0 removed". */
export function syncSummary(output: string) {
  const result: Record<string, { unchanged?: boolean; updated?: number; removed?: number }> = {};
  for (const line of output.split('\n')) {
    const synced = /\[astro-stagebloc\] (\w+): \d+ entries .*?; (\d+) added\/updated, (\d+) removed/.exec(line);
    if (synced) result[synced[1]!] = { updated: Number(synced[2]), removed: Number(synced[3]) };
    const unchanged = /\[astro-stagebloc\] (\w+): unchanged on StageBloc, nothing re-set/.exec(line);
    if (unchanged) result[unchanged[1]!] = { unchanged: true };
  }
  return result;
}

/** Matches markup that could execute in a browser. */
export const EXECUTABLE_HTML =
  /<script(?![^>]*type="application\/(?:ld\+)?json")|<svg[\s>]|<math[\s>]|\ssrcdoc\s*=|\son[a-z]+\s*=\s*["']?[^"'\s>]|href\s*=\s*["']?\s*javascript:|src\s*=\s*["']?\s*(?:javascript|data):|<form[\s>]|<object[\s>]|<embed[\s>]|<iframe[^>]+src="(?!https:\/\/(?:www\.youtube\.com|www\.youtube-nocookie\.com|player\.vimeo\.com|bandcamp\.com|w\.soundcloud\.com|open\.spotify\.com)\/)/i;
