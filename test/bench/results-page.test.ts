/**
 * `npm run bench` writes its tables into the docs' Performance page between two markers and
 * touches nothing else; the page carries the markers, so a full run has somewhere to write.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/astro-build.js';
import { END_MARKER, RESULTS_PAGE, START_MARKER, updateBetweenMarkers } from './results-page.js';

describe('bench results page', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bench-page-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('replaces what is between the markers and keeps the rest byte for byte', async () => {
    const page = join(dir, 'page.md');
    const before = `---\ntitle: Performance\n---\n\nIntro.\n\n${START_MARKER}\nold table\n${END_MARKER}\n\nAfter.\n`;
    await writeFile(page, before);
    expect(await updateBetweenMarkers(page, '| new | table |\n')).toEqual({ written: true });
    expect(await readFile(page, 'utf8')).toBe(
      `---\ntitle: Performance\n---\n\nIntro.\n\n${START_MARKER}\n| new | table |\n${END_MARKER}\n\nAfter.\n`,
    );
  });

  it('writes nothing to a page without both markers, and says why', async () => {
    const page = join(dir, 'no-markers.md');
    await writeFile(page, `Intro.\n${START_MARKER}\n`);
    const update = await updateBetweenMarkers(page, 'table');
    expect(update.written).toBe(false);
    expect(update.written === false && update.reason).toContain('markers');
    expect(await readFile(page, 'utf8')).toBe(`Intro.\n${START_MARKER}\n`);
    expect((await updateBetweenMarkers(join(dir, 'missing.md'), 'table')).written).toBe(false);
  });

  it('the docs Performance page has one pair of markers with results between them', async () => {
    const text = await readFile(join(REPO_ROOT, RESULTS_PAGE), 'utf8');
    expect(text.split(START_MARKER).length - 1).toBe(1);
    expect(text.split(END_MARKER).length - 1).toBe(1);
    const results = text.slice(text.indexOf(START_MARKER) + START_MARKER.length, text.indexOf(END_MARKER));
    expect(results).toMatch(/^\nMeasured .+ by `npm run bench`/);
  });
});
