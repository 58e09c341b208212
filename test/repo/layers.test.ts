/**
 * Data flows one way, and the folders of src/ say which way: an import may only go to a
 * folder its own folder is allowed to use (below it, or a leaf), and the folders that stand
 * beside the pipeline (the CLI, the integration) use other folders only through their
 * public entry point (index.ts). Read from the real import graph of every file in src/.
 */
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/astro-build.js';

const SRC = join(REPO_ROOT, 'src');

/** Each folder, and the folders it may import from. Order: transport → … → pages and feeds. */
export const LAYERS: Record<string, readonly string[]> = {
  // Leaves: pure string checks and the docs-shaped wire writer.
  text: [],
  wire: [],
  // The HTTP stack, the API client (transport, decoding, normalizing), the sync engine
  // (sources, rounds, snapshots, media files), content mapping (entries, sanitizing,
  // visibility), and the Astro loaders that run a sync and map its content.
  http: ['text'],
  client: ['http', 'text'],
  sync: ['client', 'http', 'text'],
  content: ['sync', 'text'],
  loaders: ['content', 'sync', 'text'],
  // Live loaders: a second consumer of the same sync and mapping, beside the build-time
  // loaders, whose settings and schemas it shares so an entry is the same object either way.
  live: ['loaders', 'content', 'sync', 'text'],
  // What pages render: entry types and the helpers pages, feeds and JSON-LD share.
  entries: ['text'],
  'structured-data': ['entries', 'text'],
  components: ['entries', 'structured-data', 'text'],
  feeds: ['entries', 'structured-data', 'http', 'text'],
  // Beside the pipeline.
  simulator: ['wire', 'text'],
  // The integration sits on top of the loaders (it shares their runtime slot and copies their media).
  integration: ['loaders', 'content', 'simulator'],
  cli: ['client', 'sync', 'content', 'simulator', 'http', 'text'],
  // The package's root entry point, which assembles the public API.
  '.': ['loaders', 'integration', 'content', 'sync', 'client'],
};

/** Folders the CLI may only reach through index.ts. */
const PUBLIC_ENTRY_ONLY = new Set(['sync', 'content', 'simulator', 'loaders', 'integration']);
/** What stands beside the pipeline uses those entry points; the pipeline's own layers may use any module below them. */
const BESIDE = new Set(['cli']);

const IMPORT = /(?:from|import)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g;

async function sourceFiles(): Promise<string[]> {
  const entries = await readdir(SRC, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile() && /\.(ts|astro)$/.test(e.name)).map((e) => join(e.parentPath, e.name));
}

const folderOf = (file: string) => {
  const rel = relative(SRC, file).split('/');
  return rel.length === 1 ? '.' : rel[0]!;
};

export async function layerViolations(): Promise<string[]> {
  const found: string[] = [];
  for (const file of await sourceFiles()) {
    const from = folderOf(file);
    const allowed = LAYERS[from];
    if (!allowed) {
      found.push(`${relative(REPO_ROOT, file)}: src/${from}/ is not a known layer (add it to LAYERS)`);
      continue;
    }
    const text = await readFile(file, 'utf8');
    for (const match of text.matchAll(IMPORT)) {
      const target = normalize(join(dirname(file), match[1]!));
      if (!target.startsWith(SRC)) continue;
      const to = folderOf(target);
      if (to === from) continue;
      const where = `${relative(REPO_ROOT, file)} imports ${match[1]}`;
      if (!allowed.includes(to)) found.push(`${where}: src/${from}/ may not use src/${to}/`);
      else if (
        BESIDE.has(from) &&
        PUBLIC_ENTRY_ONLY.has(to) &&
        relative(join(SRC, to), target).replace(/\.(js|ts)$/, '') !== 'index'
      ) {
        found.push(`${where}: use src/${to}/index.ts`);
      }
    }
  }
  return found;
}

describe('the layers of src/', () => {
  it('are all known', async () => {
    const folders = (await readdir(SRC, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name);
    expect(folders.filter((f) => !(f in LAYERS))).toEqual([]);
  });

  it('import only downward, and from beside only through public entry points', async () => {
    expect(await layerViolations()).toEqual([]);
  });

  it('allow no cycle between folders', () => {
    const visit = (folder: string, path: string[]): string[] =>
      path.includes(folder)
        ? [[...path, folder].join(' → ')]
        : (LAYERS[folder] ?? []).flatMap((next) => visit(next, [...path, folder]));
    expect(Object.keys(LAYERS).flatMap((folder) => visit(folder, []))).toEqual([]);
  });
});
