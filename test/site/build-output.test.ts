/**
 * What a first run prints. A musician running the demo build reads every line, so every
 * line must come through Astro's logger (a timestamp and a label) or be one of Astro's own
 * section headers: nothing printed around it by a library (a console.warn from a
 * dependency, a stack trace), and no warning but the one that says this is demo content.
 */
import { describe, expect, it } from 'vitest';
import { workspaceSiteBuild } from '../helpers/workspace-site-build.js';

const ANSI = /\x1b\[[0-9;]*m/g;
/** Astro's logger: `12:34:56 [label] message`, or a continuation of its route list (`12:34:56   ├─ /x`). */
const LOGGER_LINE = /^\d{2}:\d{2}:\d{2} (?:\[[^\]]+\]|\s+[├└│]|✓|▶)/;
/** Astro's section banners (` generating static routes `). */
const ASTRO_BANNER = /^ [a-z][a-z ()]*[a-z)] $/;

export function linesOutsideTheLogger(output: string): string[] {
  return output
    .replace(ANSI, '')
    .split('\n')
    .map((line) => line.replace(/\r$/, ''))
    .filter((line) => line.trim() !== '' && !LOGGER_LINE.test(line) && !ASTRO_BANNER.test(line));
}

async function exampleSiteBuildOutput(): Promise<string> {
  const { output } = await workspaceSiteBuild('example-site');
  if (output === null)
    throw new Error('STAGEBLOC_SITE_DIST names a build made elsewhere: its output is not known here');
  return output;
}

describe('the demo build prints', () => {
  it('nothing outside Astro’s logger', async () => {
    const output = await exampleSiteBuildOutput();
    expect(output).toContain('[astro-stagebloc]');
    expect(linesOutsideTheLogger(output)).toEqual([]);
  });

  it('no warning but the one saying it is demo content', async () => {
    const warnings = (await exampleSiteBuildOutput())
      .replace(ANSI, '')
      .split('\n')
      .filter((line) => /\[WARN\]|\[ERROR\]|warning/i.test(line));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('DEMO MODE');
  });

  it('the rule catches what a library prints by itself', () => {
    const flood =
      '\n\n⚠️ Your `allowedTags` option includes, `script`, which is inherently\nvulnerable to XSS attacks.\n';
    expect(linesOutsideTheLogger(`12:00:00 [content] Syncing content${flood}12:00:01 [build] done`)).toHaveLength(2);
    expect(linesOutsideTheLogger('12:00:00 [build] ok\n generating static routes \n12:00:00   ├─ /a (+1ms)')).toEqual(
      [],
    );
  });
});
