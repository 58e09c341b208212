/**
 * The `stagebloc()` Astro integration: allows StageBloc's CDN for remote images, copies
 * self-hosted media into the build, and runs the bundled simulator for `demo: true`.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { stageblocRuntime } from '../loaders/runtime.js';
import { copyMediaIntoBuild, mediaMiddleware } from './media-files.js';
import { STAGEBLOC_ENV_SCHEMA } from './env-schema.js';
import { dotenvFiles, modeOf } from './dotenv.js';
import { periodicRefresh, REFRESH_PATH, refreshMiddleware, serializedRefresh, type Refresh } from './dev-refresh.js';
import { LOADER_NAME } from '../loaders/loader.js';

export interface StageblocIntegrationOptions {
  /**
   * Build from the bundled demo account: starts the API simulator in-process for the
   * build (or dev server), and self-hosts its media. No token needed.
   * `'auto'`: only when no token (nor snapshot directory) is set in the environment or the
   * project's .env files, and never on CI, Netlify or Vercel (there the build fails with the
   * missing-token message rather than publish a fictional band). Pages can read the decision
   * as `__STAGEBLOC_DEMO__` (declare it: `declare const __STAGEBLOC_DEMO__: boolean`).
   */
  demo?: boolean | 'auto';
  /** Extra hosts serving StageBloc media, added to `image.remotePatterns` (https). */
  mediaHosts?: string[];
  /**
   * Declare the STAGEBLOC_* settings in Astro's env schema (default true): Astro validates
   * them on start, and `astro:env/server` exports them with types.
   */
  envSchema?: boolean;
  /**
   * `astro dev` only: the shared secret of `POST /_stagebloc/refresh`, which re-syncs the
   * content (for a script or a webhook). Default: `STAGEBLOC_REFRESH_SECRET`; without one
   * the endpoint is off.
   */
  refreshSecret?: string;
  /** `astro dev` only: re-sync every this many seconds (at least 10). Off by default. */
  refreshInterval?: number;
}

/** Shortest periodic refresh: each costs one request per collection. */
export const MIN_REFRESH_INTERVAL_SECONDS = 10;

/** Deploy hosts and CI, where `demo: 'auto'` never builds the demo account. */
const onDeployHost = (env: Record<string, string | undefined>) => Boolean(env.CI || env.NETLIFY || env.VERCEL);

/** Hosts StageBloc serves media from (the docs' examples use cdn.stagebloc.com over http). */
export const STAGEBLOC_REMOTE_PATTERNS = [
  { protocol: 'https', hostname: '**.stagebloc.com' },
  { protocol: 'http', hostname: 'cdn.stagebloc.com' },
] as const;

interface RunningSimulator {
  apiUrl: string;
  token: string;
  close(): Promise<void>;
}

export function stagebloc(options: StageblocIntegrationOptions = {}): AstroIntegration {
  let simulator: RunningSimulator | undefined;
  /** Astro runs server hooks outside `astro dev` too (the content sync of a build); the demo API's how-to is for dev only. */
  let devServer = false;
  let defaultMediaDir: string | undefined;
  let refreshSecret: string | undefined;
  let stopPeriodic: (() => void) | undefined;
  // Set once the dev server is up: the simulator's edits re-sync through it.
  let refresh: Refresh | undefined;
  if (options.refreshInterval !== undefined && !(options.refreshInterval >= MIN_REFRESH_INTERVAL_SECONDS)) {
    throw new Error(
      `stagebloc({ refreshInterval }) is in seconds and at least ${MIN_REFRESH_INTERVAL_SECONDS} (got ${String(options.refreshInterval)}).`,
    );
  }
  const runtime = stageblocRuntime();

  const stopSimulator = async () => {
    const running = simulator;
    simulator = undefined;
    if (runtime.demo) delete runtime.demo;
    await running?.close();
  };

  const mediaDirs = () => new Set([...runtime.mediaDirs, ...(defaultMediaDir ? [defaultMediaDir] : [])]);

  return {
    name: 'astro-stagebloc',
    hooks: {
      'astro:config:setup': async ({ command, config, updateConfig, logger }) => {
        devServer = command === 'dev';
        runtime.integration = true;
        runtime.dotenv = dotenvFiles(
          fileURLToPath(config.vite.envDir ? new URL(config.vite.envDir, config.root) : config.root),
          modeOf(command),
        );
        const env = { ...runtime.dotenv, ...process.env };
        refreshSecret = options.refreshSecret ?? (env.STAGEBLOC_REFRESH_SECRET || undefined);
        const demo =
          options.demo === 'auto'
            ? !env.STAGEBLOC_ACCESS_TOKEN && !env.STAGEBLOC_SNAPSHOT_DIR && !onDeployHost(env)
            : options.demo === true;
        // The loaders self-host media that HTML fields link to on these hosts too.
        runtime.mediaHosts = [...(options.mediaHosts ?? [])];
        defaultMediaDir = resolve(fileURLToPath(config.cacheDir), 'astro-stagebloc', 'media');
        // Static patterns only: a changing Astro config makes Astro clear the content store.
        updateConfig({
          ...(options.envSchema === false ? {} : { env: { schema: { ...STAGEBLOC_ENV_SCHEMA } } }),
          ...(options.demo === 'auto' ? { vite: { define: { __STAGEBLOC_DEMO__: JSON.stringify(demo) } } } : {}),
          image: {
            remotePatterns: [
              ...STAGEBLOC_REMOTE_PATTERNS.map((p) => ({ ...p })),
              ...(options.mediaHosts ?? []).map((hostname) => ({ protocol: 'https', hostname })),
            ],
          },
        });
        if (demo && command !== 'preview') {
          const { startSimulator } = await import('../simulator/index.js');
          // An edit through the simulator's API (`stagebloc edit`/`upload` against it) re-syncs the dev server's content.
          const started = await startSimulator({ port: 0, onChange: () => refresh?.('simulator') });
          simulator = { apiUrl: started.apiUrl, token: started.token, close: () => started.close() };
          runtime.demo = { baseUrl: started.apiUrl, token: started.token };
          logger.warn(
            'DEMO MODE: building from the bundled StageBloc demo account (stagebloc({ demo: true })), not your own content. ' +
              'Remove `demo: true` and set STAGEBLOC_ACCESS_TOKEN to build from your account.',
          );
        }
      },
      'astro:server:setup': ({ server, refreshContent, logger }) => {
        if (refreshContent) {
          refresh = serializedRefresh((reason) =>
            refreshContent({ loaders: [LOADER_NAME], context: { stagebloc: reason } }),
          );
          if (refreshSecret) {
            server.middlewares.use(refreshMiddleware(refreshSecret, refresh));
            logger.info(
              `POST ${REFRESH_PATH} (Authorization: Bearer <STAGEBLOC_REFRESH_SECRET>) re-syncs StageBloc content.`,
            );
          }
          if (options.refreshInterval !== undefined) {
            stopPeriodic = periodicRefresh(options.refreshInterval, refresh, (message) => logger.warn(message));
            logger.info(
              `Checking StageBloc for changes every ${options.refreshInterval} s (one request per collection).`,
            );
          }
          if (simulator && devServer) {
            logger.info(
              `Demo API: STAGEBLOC_API_URL=${simulator.apiUrl} STAGEBLOC_ACCESS_TOKEN=${simulator.token} ` +
                'npx stagebloc edit <track-id> --title "…" (or upload): the page shows the change on reload.',
            );
          }
        }
        server.middlewares.use(mediaMiddleware(mediaDirs));
      },
      'astro:server:done': async () => {
        stopPeriodic?.();
        stopPeriodic = undefined;
        refresh = undefined;
        await stopSimulator();
      },
      'astro:build:done': async ({ dir, logger }) => {
        await stopSimulator();
        const { copied, missing } = await copyMediaIntoBuild(fileURLToPath(dir), mediaDirs());
        if (copied > 0) logger.info(`Copied ${copied} self-hosted StageBloc media file(s) into the build.`);
        if (missing.length > 0) {
          throw new Error(
            `${missing.length} self-hosted StageBloc media file(s) are referenced by the site but missing from the media cache ` +
              `(e.g. ${missing[0]!.kind}/${missing[0]!.name}). Run the build again with \`astro build --force\` to re-sync.`,
          );
        }
      },
    },
  };
}
