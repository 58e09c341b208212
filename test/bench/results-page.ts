/**
 * Writes the bench results into the docs' Performance page between `<!-- bench:start -->`
 * and `<!-- bench:end -->`, and nowhere else: the rest of the page belongs to its
 * maintainers. Without both markers nothing is written.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export const START_MARKER = '<!-- bench:start -->';
export const END_MARKER = '<!-- bench:end -->';

/** The page `npm run bench` writes, relative to the repository root. */
export const RESULTS_PAGE = join('docs', 'src', 'content', 'docs', 'performance.md');

export type PageUpdate = { written: true } | { written: false; reason: string };

export function replaceBetweenMarkers(text: string, body: string): string | null {
  const start = text.indexOf(START_MARKER);
  const end = text.indexOf(END_MARKER, start + START_MARKER.length);
  if (start < 0 || end < 0) return null;
  return `${text.slice(0, start + START_MARKER.length)}\n${body.trim()}\n${text.slice(end)}`;
}

export async function updateBetweenMarkers(path: string, body: string): Promise<PageUpdate> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return { written: false, reason: `${path} does not exist` };
  }
  const next = replaceBetweenMarkers(text, body);
  if (next === null) return { written: false, reason: `${path} has no ${START_MARKER} … ${END_MARKER} markers` };
  if (next !== text) await writeFile(path, next);
  return { written: true };
}
