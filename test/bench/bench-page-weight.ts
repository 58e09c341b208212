/**
 * Issue 7, item 6: page weight of the built example site. The site (example-site/,
 * copied to a temp dir) is built from the bundled demo account, which self-hosts its
 * media (`media: 'self-host'`), then every HTML page of dist/ is weighed (page-weight.ts).
 * Bytes are deterministic for a given build, so one build suffices; per page type the
 * figures are median (min–max) over the pages of that type.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { astroBuild, copySite } from './astro-site.js';
import type { BenchConfig } from './config.js';
import { createWeigher, treeBytes, VIEWPORT, type PageWeight } from './page-weight.js';
import { REPO_ROOT } from './processes.js';
import { formatSummary, kib, summarize } from './stats.js';
import type { Table } from './table.js';

const IMAGE_FILE = /\.(?:jpe?g|png|gif|webp|avif|svg)$/i;
/** The pages issue 7 asks a total for, by route pattern. */
const HEADLINE: Record<string, string> = { '/': 'home', '/music/[id]/': 'playlist', '/photos/albums/[id]/': 'album' };

export async function benchPageWeight(config: BenchConfig): Promise<Table[]> {
  config.progress('weight: building the example site from the demo account (media self-hosted)');
  const site = await copySite(join(REPO_ROOT, 'example-site'), config, 'example-site');
  const build = await astroBuild(site, {});
  if (!/DEMO MODE/.test(build.output)) throw new Error('the example site did not build from the demo account');

  const htmlFiles = (await readdir(site.distDir, { recursive: true })).filter((f) => f.endsWith('.html')).sort();
  const weigher = createWeigher(site.distDir);
  const pages: PageWeight[] = [];
  for (const file of htmlFiles) pages.push(await weigher.weigh(file));

  const byType = new Map<string, PageWeight[]>();
  for (const page of pages) byType.set(page.type, [...(byType.get(page.type) ?? []), page]);
  const types = [...byType.keys()].sort((a, b) => (HEADLINE[b] ? 1 : 0) - (HEADLINE[a] ? 1 : 0) || a.localeCompare(b));
  const stat = (list: PageWeight[], pick: (p: PageWeight) => number) => formatSummary(summarize(list.map(pick)), kib);

  const selfHosted = await treeBytes(join(site.distDir, '_stagebloc', 'images'), (name) => IMAGE_FILE.test(name));
  const astroImages = await treeBytes(join(site.distDir, '_astro'), (name) => IMAGE_FILE.test(name));
  const audio = await treeBytes(join(site.distDir, '_stagebloc', 'audio'));
  const external = pages.flatMap((p) => p.external);
  const origins = [...new Set(external.map((url) => new URL(url, 'https://site/').origin))];

  return [
    {
      title: `6. Page weight of the example site (demo account, media: 'self-host'; ${pages.length} pages)`,
      columns: ['Page type', 'Pages', 'JS (gzip)', 'HTML + CSS (gzip)', 'Images', 'Total transfer'],
      rows: types.map((type) => {
        const list = byType.get(type)!;
        return [
          HEADLINE[type] ? `**${HEADLINE[type]}** \`${type}\`` : `\`${type}\``,
          String(list.length),
          stat(list, (p) => p.jsGzip),
          stat(list, (p) => p.htmlGzip + p.cssGzip),
          stat(list, (p) => p.imageBytes),
          stat(list, (p) => p.totalTransfer),
        ];
      }),
      notes: [
        `Self-hosted images in dist/: ${selfHosted.files} files, ${kib(selfHosted.bytes)} (plus ${astroImages.files} Astro-processed images, ${kib(astroImages.bytes)}; self-hosted audio ${audio.files} files, ${kib(audio.bytes)}).`,
        `Total transfer = gzip HTML + gzip CSS + gzip JS (module scripts and their static imports) + the image candidate a browser picks from srcset/sizes at ${VIEWPORT.width} CSS px and DPR ${VIEWPORT.dpr} (Lighthouse mobile), lazy images included, + icons. Audio is not counted (players use preload="none").`,
        `Median (min–max) over the pages of each type; gzip level 6.`,
        external.length === 0
          ? 'No page loads anything from another origin.'
          : `NOT COUNTED: ${external.length} resource(s) on ${new Set(pages.filter((p) => p.external.length).map((p) => p.path)).size} page(s) load from another origin (${origins.join(', ')}), e.g. ${external[0]}.`,
      ],
    },
  ];
}
