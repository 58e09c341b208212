import { rmSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { accountHtmlMedia, mediaUrlsOf } from '../../content/index.js';
import {
  COLLECTION_NAMES,
  SNAPSHOT_FORMAT,
  apiSource,
  writeSnapshotDir,
  type AccountContent,
  type CollectionName,
} from '../../sync/index.js';
import { API_OPTIONS, API_OPTIONS_HELP, integerFlag, parseCommandArgs } from '../args.js';
import { createCliClient, reachingApi } from '../api-client.js';
import { resolveApiSettings } from '../api-settings.js';
import { replaceDirectory, tempDirFor } from '../atomic-dir.js';
import { type CliIO, type Command, writeJson, writeLine } from '../context.js';
import { EXIT, EXIT_CODES_HELP, InputRejected } from '../exit-codes.js';
import { formatBytes, formatSeconds } from '../format.js';
import { readMediaManifest } from '../media-manifest.js';
import type { MediaReference, MediaSyncResult } from '../media-sync.js';

const OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  json: { type: 'boolean' },
  ...API_OPTIONS,
  media: { type: 'boolean' },
  'media-concurrency': { type: 'string' },
  force: { type: 'boolean' },
} as const;

const HELP = `Usage: stagebloc snapshot <dir> [--format json|xml] [--media] [options]

Writes the whole account (drafts and private items included; the loaders apply
their visibility policy when they build) to <dir>, which a site can build from
with no network: stageblocCollections({ source: { snapshot: '<dir>' } }).

  <dir>/manifest.json, <dir>/<collection>.json   content (the loaders' snapshot format)
  <dir>/media/files/…, index.json, manifest.json  with --media: images and MP3s, laid out
                                                 as a loaders media cache

The snapshot is replaced atomically: it is built in <dir>.tmp-<pid> and only
swapped in when everything succeeded, so a failed or interrupted run leaves the
previous snapshot intact. With --media, files whose URL, ETag (or size) are
unchanged since the previous snapshot are reused instead of downloaded again.
Media of private items is not downloaded: no visibility policy publishes it.

Options:
  --format json|xml          response format to fetch with (both give the same snapshot)
  --media                    also download images and MP3s into the snapshot
  --media-concurrency <n>    parallel media downloads (default 4)
  --force                    replace <dir> even if it is not empty and not a snapshot

${API_OPTIONS_HELP}

Other options:
  --json                     print a summary as JSON
  -h, --help                 show this help

${EXIT_CODES_HELP}`;

/**
 * Fetch drafts too (the loaders only ask for them under `drafts: true`), and
 * count media of everything a build could publish under some policy.
 */
const WHOLE_ACCOUNT = { drafts: true, exclusive: 'include' } as const;

export const snapshotCommand: Command = {
  name: 'snapshot',
  summary: 'write the account (and with --media its images and MP3s) to a directory for offline builds',
  async run(argv, io) {
    const { values, positionals, help } = parseCommandArgs('snapshot', argv, OPTIONS, {
      min: 1,
      max: 1,
      names: 'a directory',
    });
    if (help) {
      writeLine(io.stdout, HELP);
      return EXIT.ok;
    }
    const dir = resolve(io.cwd, positionals[0]!);
    const mediaConcurrency = integerFlag('media-concurrency', values['media-concurrency']) ?? 4;
    const settings = await resolveApiSettings(values, io);
    if (!values.force) await refuseToClobber(dir);
    const client = createCliClient(settings, io);
    const startedAt = performance.now();

    // Ctrl-C must not leave a half-written temp directory behind (the old snapshot is untouched anyway).
    const onInterrupt = () => {
      rmSync(tempDirFor(dir), { recursive: true, force: true });
      process.exit(130);
    };
    process.once('SIGINT', onInterrupt);
    process.once('SIGTERM', onInterrupt);

    let content: AccountContent | undefined;
    let media: MediaSyncResult | undefined;
    try {
      writeLine(io.stderr, `Fetching the account from ${client.baseUrl} (${settings.format}) …`);
      await replaceDirectory(dir, async (tempDir) => {
        // The loaders' own API source, so the snapshot holds exactly what a live sync would.
        const source = apiSource(client, { drafts: true });
        const checked = await reachingApi(client, () => source.check(COLLECTION_NAMES));
        const fetched = await reachingApi(client, () =>
          source.fetch(COLLECTION_NAMES, {
            progress: collectionProgress(io),
            totals: checked.totals,
            warn: (message) => writeLine(io.stderr, `Warning: ${message}`),
          }),
        );
        content = fetched as AccountContent;
        await writeSnapshotDir(tempDir, content, { fingerprints: checked.fingerprints });
        if (values.media) media = await downloadMedia(io, content, tempDir, dir, mediaConcurrency);
      });
    } finally {
      process.off('SIGINT', onInterrupt);
      process.off('SIGTERM', onInterrupt);
    }

    const counts = Object.fromEntries(COLLECTION_NAMES.map((name) => [name, content![name].length]));
    const elapsed = performance.now() - startedAt;
    if (values.json) {
      writeJson(io.stdout, {
        dir,
        format: settings.format,
        collections: counts,
        media: media ?? null,
        seconds: Math.round(elapsed) / 1000,
      });
    } else {
      const total = Object.values(counts).reduce((a, b) => a + b, 0);
      writeLine(io.stdout, `Snapshot written to ${dir}: ${total} items in ${formatSeconds(elapsed)}.`);
      if (media) {
        writeLine(
          io.stdout,
          `Media: ${media.downloaded} downloaded (${formatBytes(media.bytesDownloaded)}), ${media.reused} unchanged and reused.`,
        );
      }
      writeLine(
        io.stdout,
        `Build from it with stageblocCollections({ source: { snapshot: ${JSON.stringify(positionals[0])} } }).`,
      );
    }
    return EXIT.ok;
  },
};

async function downloadMedia(
  io: CliIO,
  content: AccountContent,
  tempDir: string,
  previousDir: string,
  concurrency: number,
): Promise<MediaSyncResult> {
  // Loaded only with --media: it pulls in Astro's image header parser.
  const { syncMedia } = await import('../media-sync.js');
  const references = mediaReferences(content);
  const previous = await readMediaManifest(previousDir);
  const tty = io.stderr.isTTY === true;
  writeLine(io.stderr, `  media      ${String(references.length).padStart(6)} files …`);
  const result = await syncMedia({
    references,
    targetDir: tempDir,
    previousDir,
    previous,
    concurrency,
    onFile: ({ done, total }) => {
      if (tty) io.stderr.write(`\r  media      ${done}/${total}\x1b[K`);
    },
  });
  if (tty) io.stderr.write('\r\x1b[K');
  writeLine(io.stderr, `  media      ${result.downloaded} downloaded, ${result.reused} reused`);
  return result;
}

/** One line per collection when it is complete; on a terminal, a running count before that. */
function collectionProgress(io: CliIO) {
  const startedAt = performance.now();
  const finished = new Set<string>();
  const tty = io.stderr.isTTY === true;
  return (collection: CollectionName, fetched: number, total: number | undefined) => {
    if (finished.has(collection)) return;
    const label = `  ${collection.padEnd(10)} `;
    if (total === undefined || fetched >= total) {
      finished.add(collection);
      const line = `${label}${String(fetched).padStart(6)} items  ${formatSeconds(performance.now() - startedAt)}`;
      writeLine(io.stderr, tty ? `\r${line}\x1b[K` : line);
    } else if (tty) {
      io.stderr.write(`\r${label}${String(fetched).padStart(6)} of ${total}\x1b[K`);
    }
  };
}

function mediaReferences(content: AccountContent): MediaReference[] {
  const byUrl = new Map<string, MediaReference>();
  for (const collection of COLLECTION_NAMES) {
    const { images, audio, highQualityAudio } = mediaUrlsOf(collection, content, WHOLE_ACCOUNT);
    for (const url of [...audio, ...highQualityAudio]) byUrl.set(url, { url, kind: 'audio' });
    for (const url of images) if (!byUrl.has(url)) byUrl.set(url, { url, kind: 'image' });
  }
  // Media that blog bodies and descriptions embed: an offline self-host build rewrites it too.
  for (const ref of accountHtmlMedia(content)) {
    if (!byUrl.has(ref.url) && (ref.kind === 'audio' || ref.kind === 'image'))
      byUrl.set(ref.url, { url: ref.url, kind: ref.kind });
  }
  return [...byUrl.values()];
}

/** Replacing `<dir>` deletes it: only do that to an earlier snapshot or an empty directory. */
async function refuseToClobber(dir: string): Promise<void> {
  let entries: string[];
  try {
    entries = await readdir(dir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return;
    if (code === 'ENOTDIR') throw new InputRejected(`${dir} exists and is not a directory.`);
    throw error;
  }
  if (entries.length === 0) return;
  let format: unknown;
  try {
    format = (JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as { format?: unknown }).format;
  } catch {
    format = undefined;
  }
  if (format !== SNAPSHOT_FORMAT) {
    throw new InputRejected(
      `${dir} is not empty and is not a stagebloc snapshot; it would be replaced. Choose another directory or pass --force.`,
    );
  }
}
