/**
 * Every byte from the API is untrusted, in real builds: accounts whose every free-text and
 * URL field of every collection may hold a hostile string (script and data links in every
 * dress, event handlers, markup, control characters, 1 MB of pathological HTML) build a
 * site with no script or data URL in any attribute, no event-handler attribute, no control
 * character in any file, output proportional to the input, and one report per field it cut.
 */
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { parseHTML } from 'linkedom';
import { afterAll, describe, expect, it } from 'vitest';
import { startSimulator } from '../../src/simulator/index.js';
import type { DemoAccount, Simulator } from '../../src/simulator/types.js';
import { astroBuild, createFixtureSite, listFiles, type FixtureSite } from '../helpers/astro-build.js';
import { HOSTILE_URLS } from '../helpers/hostile.js';

const MARKUP = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(2)>',
  '<a href="javascript:alert(3)">x</a>',
  '"><svg onload=alert(4)>',
  "'><iframe srcdoc='<script>alert(5)</script>'>",
  '<a href="&#x6A;avascript:alert(6)">y</a>',
  '<p style="background:url(javascript:alert(7))" onclick="alert(8)">z</p>',
];
const CONTROLS = ['\u0000', '\u0001', '\u0008', '\u000B', '\u000C', '\u001F', '\u007F', '\u0085', '\uFFFE', '\uD800'];

/** 1 MB of the HTML shapes that make a sanitizer's work grow faster than its input. */
const PATHOLOGICAL: Record<string, string> = {
  'comment markers in an href': `<a href="${'<!--'.repeat(262_144)}">x</a>`,
  'unclosed divs': '<div>'.repeat(209_715),
  "one tag's attributes": `<p ${'a=1 '.repeat(262_144)}>x</p>`,
  'unclosed bold': '<b>'.repeat(349_525),
};

const hostileText = fc.oneof(
  fc.constantFrom(...HOSTILE_URLS),
  fc.constantFrom(...MARKUP),
  fc.tuple(fc.constantFrom(...CONTROLS), fc.string({ maxLength: 8 })).map(([c, s]) => `Na${c}me ${s}`),
  fc.string({ unit: 'binary', maxLength: 24 }),
);

/** Fields that hold free text or URLs; ids, dates, numbers and flags keep their documented strictness. */
const TEXT_FIELDS = ['title', 'artist', 'description', 'body', 'short_url', 'embed_url', 'raw_url'];
const NESTED_TEXT = ['name', 'website', 'street_address', 'city', 'state_province', 'postal_code', 'country'];

/** Puts a hostile value into (some) text and URL fields of every collection. */
function poison(account: DemoAccount, seed: number): number {
  const values = fc.sample(hostileText, { seed, numRuns: 5000 });
  let next = 0;
  let touched = 0;
  const take = () => values[next++ % values.length]!;
  const records = [
    ...account.tracks,
    ...account.playlists,
    ...account.blog,
    ...account.photos,
    ...account.albums,
  ] as Array<Record<string, unknown>>;
  records.forEach((record, i) => {
    if ((i + seed) % 3 !== 0) return;
    for (const key of TEXT_FIELDS) if (key in record) (record[key] = take()), touched++;
    for (const image of (record['images'] as Array<Record<string, unknown>> | undefined) ?? []) {
      image['embed_url'] = take();
      image['short_url'] = take();
      touched += 2;
    }
    for (const nested of [
      record['location'],
      (record['location'] as Record<string, unknown> | null)?.['address'],
      record['author'],
    ]) {
      if (!nested || typeof nested !== 'object') continue;
      for (const key of NESTED_TEXT) if (key in nested) ((nested as Record<string, unknown>)[key] = take()), touched++;
    }
  });
  return touched;
}

const URL_ATTRIBUTES = new Set([
  'href',
  'src',
  'srcset',
  'action',
  'formaction',
  'poster',
  'data',
  'cite',
  'background',
  'content',
]);
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]/;

/** Everything in a built site that could run script, load data or break a strict reader. */
async function findings(distDir: string): Promise<string[]> {
  const found: string[] = [];
  for (const file of await listFiles(distDir)) {
    if (!/\.(html|json|xml|txt)$/.test(file)) continue;
    const text = await readFile(join(distDir, file), 'utf8');
    if (CONTROL.test(text)) found.push(`${file}: a control character`);
    if (!file.endsWith('.html')) continue;
    const { document } = parseHTML(text);
    for (const element of document.querySelectorAll('*')) {
      for (const { name, value } of [...element.attributes]) {
        if (/^on/i.test(name)) found.push(`${file}: <${element.tagName} ${name}>`);
        if (name === 'srcdoc') found.push(`${file}: <${element.tagName} srcdoc>`);
        if (
          URL_ATTRIBUTES.has(name) &&
          /(?:java|vb)script\s*:|data\s*:/i.test(value.replace(/[\s\u0000-\u001F]/g, ''))
        ) {
          found.push(`${file}: <${element.tagName} ${name}="${value.slice(0, 60)}">`);
        }
      }
      if (element.tagName === 'SCRIPT' && !/json/.test(element.getAttribute('type') ?? ''))
        found.push(`${file}: <script>`);
    }
  }
  return found;
}

async function bytesOf(dir: string): Promise<number> {
  let total = 0;
  for (const file of await listFiles(dir)) total += (await stat(join(dir, file))).size;
  return total;
}

const sims: Simulator[] = [];
const sites: FixtureSite[] = [];
afterAll(async () => {
  await Promise.all(sims.map((s) => s.close()));
  await Promise.all(sites.map((s) => s.cleanup()));
});

async function buildHostile(prepare: (account: DemoAccount) => void) {
  const sim = await startSimulator();
  sims.push(sim);
  prepare(sim.account);
  const inputBytes = Buffer.byteLength(JSON.stringify(sim.account));
  const site = await createFixtureSite('basic');
  sites.push(site);
  const build = await astroBuild(site, {
    env: { STAGEBLOC_API_URL: sim.apiUrl, STAGEBLOC_ACCESS_TOKEN: sim.token },
    timeoutMs: 600_000,
  });
  expect(build.code, build.output.slice(-3000)).toBe(0);
  return { build, site, inputBytes };
}

describe.each([1, 2, 3])('an account with hostile strings in its fields (seed %i)', (seed) => {
  it('builds a site that publishes nothing executable and no control character', async () => {
    let touched = 0;
    const { site, inputBytes } = await buildHostile((account) => (touched = poison(account, seed)));
    expect(touched).toBeGreaterThan(100);
    expect(await findings(site.distDir)).toEqual([]);
    // Output proportional to the input: nothing is multiplied beyond the pages that show it.
    expect(await bytesOf(site.distDir)).toBeLessThan(20 * inputBytes + 5_000_000);
  });
});

describe('1 MB of pathological HTML in a field', () => {
  it('is cut to the per-field bound with one report naming the item and field, and the site builds', async () => {
    const cut: Array<{ id: number; shape: string }> = [];
    const { build, site, inputBytes } = await buildHostile((account) => {
      const posts = account.blog.filter((p) => Number(p.status) === 1 && !p.private);
      Object.entries(PATHOLOGICAL).forEach(([shape, html], i) => {
        const post = posts[i]!;
        post.body = html;
        cut.push({ id: post.id, shape });
      });
      account.tracks[0]!.description = PATHOLOGICAL['unclosed divs']!;
    });
    expect(inputBytes).toBeGreaterThan(5_000_000);
    for (const { id, shape } of cut) {
      expect(build.output, shape).toMatch(new RegExp(`/blog/list: item ${id}: body: .*published its first`));
    }
    expect(build.output).toMatch(/\/audio\/list: item \d+: description: .*published its first/);
    expect(await findings(site.distDir)).toEqual([]);
    expect(await bytesOf(site.distDir)).toBeLessThan(inputBytes);
  });
});
