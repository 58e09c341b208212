/**
 * Issue 7, item 5: decode throughput of the same pages in XML and JSON (items/s), and the
 * XML decoder's cost relative to a bare JSON.parse of the JSON page. The pages are real
 * simulator responses (every list endpoint, 50 items a page, playlists with their
 * tracks), fetched once; the timing loop then runs in this process with no I/O.
 */
import { decodeList } from '../../src/client/decode/index.js';
import { ENDPOINTS } from '../../src/client/endpoints.js';
import type { Format } from '../../src/client/model.js';
import {
  normalizeAlbum,
  normalizeBlogEntry,
  normalizeList,
  normalizePhoto,
  normalizePlaylist,
  normalizeTrack,
  type Normalizer,
} from '../../src/client/normalize.js';
import { LARGE_ACCOUNT, scaledCounts } from './account.js';
import type { BenchConfig } from './config.js';
import { startSimulatorProcess, type SimulatorHandle } from './simulator-handle.js';
import { count, formatSummary, interleaved, pairedRatios, perSecond, summarize, times } from './stats.js';
import type { Table } from './table.js';

interface Page {
  endpoint: string;
  normalize: Normalizer<unknown>;
  json: string;
  xml: string;
  items: number;
}

const PAGE_SIZE = 50;

/** Which pages: [endpoint, extra query, pages]. The mix follows the large account's shape. */
const PLAN: Array<[string, Record<string, string>, number, Normalizer<unknown>]> = [
  [ENDPOINTS.blog, { status: '1' }, 20, normalizeBlogEntry],
  [ENDPOINTS.photos, {}, 10, normalizePhoto],
  [ENDPOINTS.albums, {}, 4, normalizeAlbum],
  [ENDPOINTS.tracks, {}, 4, normalizeTrack],
  [ENDPOINTS.playlists, { include_tracks: '1' }, 2, normalizePlaylist],
];

async function fetchText(
  sim: SimulatorHandle,
  endpoint: string,
  format: Format,
  query: Record<string, string>,
): Promise<string> {
  const url = new URL(`${endpoint.slice(1)}.${format}`, sim.apiUrl);
  for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
  const response = await fetch(url, { headers: { authorization: `OAuth ${sim.token}` } });
  if (!response.ok) throw new Error(`${endpoint}.${format}: HTTP ${response.status}`);
  return response.text();
}

async function collectPages(sim: SimulatorHandle, quick: boolean): Promise<Page[]> {
  const pages: Page[] = [];
  for (const [endpoint, extra, n, normalize] of PLAN) {
    for (let i = 0; i < (quick ? Math.min(n, 2) : n); i++) {
      const query = { ...extra, limit: String(PAGE_SIZE), offset: String(i * PAGE_SIZE) };
      const [json, xml] = await Promise.all([
        fetchText(sim, endpoint, 'json', query),
        fetchText(sim, endpoint, 'xml', query),
      ]);
      const items = decodeList(json, 'json', endpoint, 200).items.length;
      if (items === 0) break;
      pages.push({ endpoint, normalize, json, xml, items });
    }
  }
  return pages;
}

type Variant = 'JSON.parse' | 'json' | 'xml' | 'json+normalize' | 'xml+normalize';
const VARIANTS: Variant[] = ['JSON.parse', 'json', 'xml', 'json+normalize', 'xml+normalize'];

/** One pass over every page; returns a value so the work cannot be optimized away. */
function pass(pages: Page[], variant: Variant): number {
  let sink = 0;
  for (const page of pages) {
    switch (variant) {
      case 'JSON.parse':
        sink += (JSON.parse(page.json) as { response: { items: unknown[] } }).response.items.length;
        break;
      case 'json':
      case 'xml':
        sink += decodeList(page[variant], variant, page.endpoint, 200).items.length;
        break;
      case 'json+normalize':
      case 'xml+normalize': {
        const format = variant === 'json+normalize' ? 'json' : 'xml';
        sink += normalizeList(decodeList(page[format], format, page.endpoint, 200), page.normalize, page.endpoint).items
          .length;
        break;
      }
    }
  }
  return sink;
}

/** Time for `passes` passes, in ms. */
function timePasses(pages: Page[], variant: Variant, passes: number): number {
  let sink = 0;
  const started = performance.now();
  for (let i = 0; i < passes; i++) sink += pass(pages, variant);
  const elapsed = performance.now() - started;
  if (sink === 0) throw new Error('decoded nothing');
  return elapsed;
}

export async function benchDecode(config: BenchConfig): Promise<Table[]> {
  const sim = await startSimulatorProcess({
    latencyMs: 0,
    counts: scaledCounts(LARGE_ACCOUNT, config.quick ? 1 / 20 : 1 / 5),
  });
  let pages: Page[];
  try {
    pages = await collectPages(sim, config.quick);
  } finally {
    await sim.close();
  }
  const itemsPerPass = pages.reduce((sum, page) => sum + page.items, 0);
  const bytes = (format: 'json' | 'xml') => pages.reduce((sum, page) => sum + Buffer.byteLength(page[format]), 0);
  // Warm-up (JIT, zod's compiled parsers), then size each timed batch to about 300 ms of the slowest variant.
  for (const variant of VARIANTS) timePasses(pages, variant, 2);
  const slowest = Math.max(...VARIANTS.map((variant) => timePasses(pages, variant, 1)));
  const passes = Math.max(1, Math.round((config.quick ? 100 : 300) / slowest));
  const reps = config.reps(7, 2);
  config.progress(
    `decode: ${pages.length} pages, ${itemsPerPass} items a pass, ${passes} passes × ${reps} repetitions × ${VARIANTS.length} variants`,
  );
  const samples = Object.fromEntries(VARIANTS.map((v) => [v, [] as number[]])) as Record<Variant, number[]>;
  for (let rep = 0; rep < reps; rep++) {
    for (const variant of interleaved(VARIANTS, rep)) samples[variant].push(timePasses(pages, variant, passes));
  }
  const rate = (variant: Variant) => summarize(samples[variant].map((ms) => (itemsPerPass * passes) / (ms / 1000)));
  const vsJsonParse = (variant: Variant) => summarize(pairedRatios(samples[variant], samples['JSON.parse']));
  const vsJson = (variant: Variant, json: Variant) => summarize(pairedRatios(samples[variant], samples[json]));
  const row = (name: string, variant: Variant, relative: string) => [
    name,
    formatSummary(rate(variant), perSecond),
    formatSummary(vsJsonParse(variant), times),
    relative,
  ];
  return [
    {
      title: '5. Decoding the same pages: XML vs JSON',
      columns: ['Decoder', 'Items/s', 'Time vs JSON.parse', 'XML vs JSON'],
      rows: [
        ['JSON.parse of the JSON page (reference)', formatSummary(rate('JSON.parse'), perSecond), '1.00×', ''],
        row('JSON decoder (decodeList)', 'json', ''),
        row('XML decoder (decodeList: validate + parse)', 'xml', formatSummary(vsJson('xml', 'json'), times)),
        row('JSON decode + normalize (what the client returns)', 'json+normalize', ''),
        row('XML decode + normalize', 'xml+normalize', formatSummary(vsJson('xml+normalize', 'json+normalize'), times)),
      ],
      notes: [
        `${pages.length} pages of ${PAGE_SIZE} (blog, photos, albums, tracks, playlists with their tracks), ${count(itemsPerPass)} items; ${(bytes('json') / 1024).toFixed(0)} KiB of JSON, ${(bytes('xml') / 1024).toFixed(0)} KiB of XML.`,
        `${reps} repetitions of ${passes} passes per decoder, decoders interleaved; "Time vs JSON.parse" is the decoder's time over JSON.parse's on the same pages.`,
      ],
    },
  ];
}
