/**
 * Options of the loaders and how they resolve at build time: explicit options first, then
 * the integration's demo hand-off, then environment variables. Nothing here is logged
 * as a whole, because it holds the access token.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Format } from '../sync/account-data.js';
import { MissingTokenError, StageblocConfigError } from '../sync/errors.js';
import type { MediaMode } from '../content/media/resolve-media.js';
import { stageblocRuntime } from './runtime.js';
import { DEFAULT_VISIBILITY, type ExclusivePolicy, type VisibilityPolicy } from '../content/visibility.js';

export const DEFAULT_API_URL = 'https://api.stagebloc.com/2.0/';

export type OnError = 'fail' | 'use-snapshot';

export interface StageblocLoaderOptions {
  /** Default: `STAGEBLOC_ACCESS_TOKEN`. Prefer the environment (or an `astro:env` secret) over inlining it. */
  accessToken?: string;
  /** Default: `STAGEBLOC_API_URL`, else https://api.stagebloc.com/2.0/ */
  baseUrl?: string;
  /** Default: `STAGEBLOC_FORMAT`, else `json`. Both give identical collections. */
  format?: Format;
  /** Include blog drafts (status 0); for preview builds. Default: `STAGEBLOC_DRAFTS=1`, else false. */
  drafts?: boolean;
  /** What to do with exclusive items: `lock` (default), `include` or `exclude`. */
  exclusive?: ExclusivePolicy;
  /** `remote` (default): link to StageBloc's CDN. `self-host`: copy images and audio into the build. */
  media?: MediaMode;
  /**
   * With `media: 'self-host'`: give photos, albums and playlists an `imageAsset`, their largest
   * self-hosted image as an Astro image (`ImageMetadata`) for `<Image>`/`<Picture>` and
   * `getImage()`, so Astro emits optimized files (AVIF/WebP, any width). Off by default: every
   * asset is read and emitted by the bundler on each build, which costs time and memory with
   * thousands of originals; the five pre-sized variants in `images` need none of that.
   * Needs the collection schemas of `stageblocCollections()` (or `imageAssetSchemas`).
   */
  imageAssets?: boolean;
  /** `fail` (default) or `use-snapshot`: build from the last good snapshot when the API fails. */
  onError?: OnError;
  /**
   * Walk every collection in full, whatever the cheap check says. Default: `STAGEBLOC_FULL_SYNC=1`,
   * else false: a rebuild reads only what changed since the last sync, as StageBloc's `modified`
   * dates and totals show it (see the README for the changes those do not show).
   */
  fullSync?: boolean;
  /** Where snapshots and media are cached. Default: `<Astro cacheDir>/astro-stagebloc/`. */
  cacheDir?: string;
  /** Build from a directory written by `stagebloc snapshot <dir>`, with no network. */
  source?: { snapshot: string };
  /** Hosts allowed in <iframe> embeds in descriptions and blog bodies (replaces the default list). */
  embedHosts?: string[];
  /**
   * More hosts serving StageBloc media (`stagebloc({ mediaHosts })` adds its own). With
   * `media: 'self-host'`, media that HTML fields link to on these hosts is self-hosted too;
   * the hosts of the account's own media and StageBloc's CDN always count.
   */
  mediaHosts?: string[];
  /** Passed to the API client. */
  client?: { timeoutMs?: number; retries?: number; retryBaseDelayMs?: number; concurrency?: number };
}

export type ResolvedSource =
  | { kind: 'api'; baseUrl: string; token: string; format: Format }
  | { kind: 'snapshot'; dir: string };

export interface ResolvedSettings {
  source: ResolvedSource;
  policy: VisibilityPolicy;
  media: MediaMode;
  /** `imageAssets`, in effect only with self-hosted media. */
  imageAssets: boolean;
  onError: OnError;
  fullSync: boolean;
  /** Absolute directory for the loader-owned snapshot and media cache. */
  cacheDir: string;
  snapshotDir: string;
  mediaDir: string;
  embedHosts: string[] | undefined;
  /** Extra media hosts (options and the integration), lower-cased and sorted. */
  mediaHosts: string[];
  client: NonNullable<StageblocLoaderOptions['client']>;
  demo: boolean;
  /**
   * In-memory identity of these settings, so loaders with equal settings share one sync.
   * Contains a hash of the token, never the token.
   */
  key: string;
  /** Identity of what the entries depend on, stored in `meta` to force a resync when it changes. */
  outputKey: string;
}

export interface ResolveContext {
  env: Record<string, string | undefined>;
  /** Astro's `root` and `cacheDir`. */
  root: URL | string;
  astroCacheDir: URL | string;
}

const toPath = (p: URL | string) => (p instanceof URL ? fileURLToPath(p) : p);
const sha = (text: string) => createHash('sha256').update(text).digest('hex');

function flag(value: string | undefined): boolean | undefined {
  if (value === undefined || value === '') return undefined;
  return ['1', 'true', 'yes', 'on'].includes(value.toLowerCase());
}

function oneOf<T extends string>(name: string, value: string | undefined, allowed: readonly T[]): T | undefined {
  if (value === undefined || value === '') return undefined;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new StageblocConfigError(`${name} must be one of ${allowed.join(', ')} (got "${value}")`);
}

export function resolveSettings(options: StageblocLoaderOptions, ctx: ResolveContext): ResolvedSettings {
  const { env } = ctx;
  const runtime = stageblocRuntime();
  const demo = runtime.demo;
  const root = toPath(ctx.root);

  const cacheDir = options.cacheDir
    ? resolve(root, options.cacheDir)
    : resolve(toPath(ctx.astroCacheDir), 'astro-stagebloc');

  const snapshotSourceDir = options.source?.snapshot ?? (env.STAGEBLOC_SNAPSHOT_DIR || undefined);
  let source: ResolvedSource;
  if (demo) {
    source = { kind: 'api', baseUrl: demo.baseUrl, token: demo.token, format: options.format ?? 'json' };
  } else if (snapshotSourceDir) {
    source = {
      kind: 'snapshot',
      dir: isAbsolute(snapshotSourceDir) ? snapshotSourceDir : resolve(root, snapshotSourceDir),
    };
  } else {
    const token = options.accessToken ?? env.STAGEBLOC_ACCESS_TOKEN;
    if (!token) throw new MissingTokenError();
    const baseUrl = options.baseUrl ?? (env.STAGEBLOC_API_URL || DEFAULT_API_URL);
    try {
      new URL(baseUrl);
    } catch {
      throw new StageblocConfigError(`The StageBloc API URL is not a valid URL (STAGEBLOC_API_URL / baseUrl).`);
    }
    const format =
      options.format ?? oneOf('STAGEBLOC_FORMAT', env.STAGEBLOC_FORMAT, ['json', 'xml'] as const) ?? 'json';
    source = { kind: 'api', baseUrl, token: token.trim(), format };
  }

  const policy: VisibilityPolicy = {
    drafts: options.drafts ?? flag(env.STAGEBLOC_DRAFTS) ?? DEFAULT_VISIBILITY.drafts,
    exclusive: options.exclusive ?? DEFAULT_VISIBILITY.exclusive,
  };
  // The demo simulator stops when the build ends, so its media must be copied into the site.
  const media: MediaMode = demo
    ? 'self-host'
    : (options.media ?? oneOf('STAGEBLOC_MEDIA', env.STAGEBLOC_MEDIA, ['remote', 'self-host'] as const) ?? 'remote');
  const onError: OnError =
    options.onError ?? oneOf('STAGEBLOC_ON_ERROR', env.STAGEBLOC_ON_ERROR, ['fail', 'use-snapshot'] as const) ?? 'fail';

  const imageAssets = media === 'self-host' && options.imageAssets === true;
  const fullSync = options.fullSync ?? flag(env.STAGEBLOC_FULL_SYNC) ?? false;

  // One snapshot per API origin+path (or per snapshot source), never named after the token.
  // The demo simulator listens on a new port every build; its data is the same each time.
  const sourceId = demo ? 'demo' : source.kind === 'api' ? `api:${source.baseUrl}` : `dir:${source.dir}`;
  const snapshotDir = resolve(cacheDir, 'snapshot', sha(sourceId).slice(0, 12));
  const embedHosts = options.embedHosts ? [...options.embedHosts] : undefined;
  const mediaHosts = [
    ...new Set([...(options.mediaHosts ?? []), ...(runtime.mediaHosts ?? [])].map((h) => h.toLowerCase())),
  ].sort();
  const key = JSON.stringify({
    sourceId,
    token: source.kind === 'api' ? sha(source.token).slice(0, 16) : null,
    format: source.kind === 'api' ? source.format : null,
    policy,
    media,
    onError,
    cacheDir,
    embedHosts,
    mediaHosts,
    imageAssets,
  });
  const mediaDir =
    // `stagebloc snapshot --media` lays out <dir>/media as a media cache: use it, so an
    // offline build needs no network for media either.
    source.kind === 'snapshot' && existsSync(join(source.dir, 'media', 'index.json'))
      ? join(source.dir, 'media')
      : resolve(cacheDir, 'media');
  // v2: tracks gained streamBytes/highQuality*, self-hosting covers media in HTML fields.
  // v3: excerpts keep words apart across block boundaries.
  // Image assets are absolute paths into the media cache: a moved cache means a resync.
  const outputKey = sha(
    JSON.stringify({
      v: 3,
      sourceId,
      policy,
      media,
      embedHosts,
      mediaHosts,
      imageAssets: imageAssets ? mediaDir : false,
    }),
  ).slice(0, 16);
  return {
    source,
    policy,
    media,
    imageAssets,
    onError,
    fullSync,
    cacheDir,
    snapshotDir,
    mediaDir,
    embedHosts,
    mediaHosts,
    client: { ...options.client },
    demo: Boolean(demo),
    key,
    outputKey,
  };
}
