/**
 * Lighthouse (mobile, its default) on the built example site's home page, a playlist
 * page and an album page, driving Debian's Chromium. A measuring script, not a timed
 * test: scores depend on the machine's load.
 *
 *   npm run build:site && npm run lighthouse
 *   npm run build:template && npm run lighthouse:template   (the starter template, demo account)
 *
 * Serves example-site/dist (or STAGEBLOC_SITE_DIST) on 127.0.0.1, prints a score table,
 * the failing audits of any category under its target, and writes the JSON reports to
 * the OS temp dir. Exits non-zero when a target is missed (Performance >= 98,
 * Accessibility/Best Practices/SEO = 100). CHROME_PATH overrides /usr/bin/chromium.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// Node runs this file directly (type stripping), so the helper is imported by its .ts name.
const { serveStatic } = (await import(
  new URL('../helpers/static-server.ts', import.meta.url).href
)) as typeof import('../helpers/static-server.js');

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const DIST = process.env.STAGEBLOC_SITE_DIST ?? join(REPO, 'example-site', 'dist');
const CHROME = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const LIGHTHOUSE = join(REPO, 'node_modules', 'lighthouse', 'cli', 'index.js');
const TARGETS: Record<string, number> = { performance: 98, accessibility: 100, 'best-practices': 100, seo: 100 };

interface Report {
  categories: Record<string, { title: string; score: number | null; auditRefs: Array<{ id: string; weight: number }> }>;
  audits: Record<string, { title: string; score: number | null; scoreDisplayMode: string; displayValue?: string }>;
}

function firstMatch(html: string, pattern: RegExp, what: string): string {
  const match = pattern.exec(html)?.[1];
  if (!match) throw new Error(`could not find ${what} in the built music/photos page`);
  return match;
}

function lighthouse(url: string, outputPath: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        LIGHTHOUSE,
        url,
        '--quiet',
        '--output=json',
        `--output-path=${outputPath}`,
        '--only-categories=performance,accessibility,best-practices,seo',
        '--chrome-flags=--headless=new --no-sandbox --disable-gpu',
      ],
      { env: { ...process.env, CHROME_PATH: CHROME }, stdio: ['ignore', 'inherit', 'inherit'] },
    );
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`lighthouse exited with ${code} for ${url}`)),
    );
  });
}

if (!existsSync(join(DIST, 'index.html'))) {
  console.error(`No built site at ${DIST}: run \`npm run build:site\` first.`);
  process.exit(2);
}
if (!existsSync(CHROME)) {
  console.error(`No Chromium at ${CHROME}: apt-get install chromium (or set CHROME_PATH).`);
  process.exit(2);
}

const music = await readFile(join(DIST, 'music', 'index.html'), 'utf8');
const photos = await readFile(join(DIST, 'photos', 'index.html'), 'utf8');
// The same page types on the example site (/photos/albums/<id>/) and the template (/photos/<id>/).
const pages: Array<[string, string]> = [
  ['home', '/'],
  ['tour', '/tour/'],
  ['playlist', firstMatch(music, /href="(\/music\/\d+\/)"/, 'a playlist link')],
  // The first album card without the members-only badge.
  [
    'album',
    firstMatch(
      photos
        .split('<li')
        .filter((card) => !card.includes('Exclusive'))
        .join('<li'),
      /href="(\/photos\/(?:albums\/)?\d+\/)"/,
      'an open album',
    ),
  ],
];

const server = await serveStatic(DIST);
const outDir = await mkdtemp(join(tmpdir(), 'lighthouse-'));
const rows: string[] = [];
const misses: string[] = [];
try {
  for (const [name, path] of pages) {
    const output = join(outDir, `${name}.json`);
    await lighthouse(new URL(path, server.url).href, output);
    const report = JSON.parse(await readFile(output, 'utf8')) as Report;
    const scores = Object.keys(TARGETS).map((id) => Math.round((report.categories[id]?.score ?? 0) * 100));
    rows.push(`${name.padEnd(9)} ${path.padEnd(24)} ${scores.map((s) => String(s).padStart(5)).join('  ')}`);
    for (const [i, id] of Object.keys(TARGETS).entries()) {
      if (scores[i]! >= TARGETS[id]!) continue;
      const failing = report.categories[id]!.auditRefs.map((ref) => ({ ref, audit: report.audits[ref.id]! }))
        .filter(({ audit }) => audit.score !== null && audit.score < 1 && audit.scoreDisplayMode !== 'informative')
        .map(({ audit }) => `${audit.title}${audit.displayValue ? ` (${audit.displayValue})` : ''}`);
      misses.push(`${name} ${id} ${scores[i]} < ${TARGETS[id]}: ${failing.join('; ')}`);
    }
    const metrics = [
      'first-contentful-paint',
      'largest-contentful-paint',
      'total-blocking-time',
      'cumulative-layout-shift',
      'speed-index',
    ]
      .map((id) => `${id.replace(/-/g, ' ')} ${report.audits[id]?.displayValue ?? '?'}`)
      .join(', ');
    rows.push(`${''.padEnd(34)} ${metrics}`);
  }
} finally {
  await server.close();
}

console.log(`\nLighthouse (mobile), reports in ${outDir}\n`);
console.log(
  `${'page'.padEnd(9)} ${'path'.padEnd(24)} ${['perf', 'a11y', 'bp', 'seo'].map((s) => s.padStart(5)).join('  ')}`,
);
for (const row of rows) console.log(row);
if (misses.length > 0) {
  console.log('\nBelow target:');
  for (const miss of misses) console.log(`  ${miss}`);
  process.exitCode = 1;
}
