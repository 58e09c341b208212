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

export interface StageblocIntegrationOptions {
  /**
   * Build from the bundled demo account: starts the API simulator in-process for the
   * build (or dev server), and self-hosts its media. No token needed.
   */
  demo?: boolean;
  /** Extra hosts serving StageBloc media, added to `image.remotePatterns` (https). */
  mediaHosts?: string[];
  /**
   * Declare the STAGEBLOC_* settings in Astro's env schema (default true): Astro validates
   * them on start, and `astro:env/server` exports them with types.
   */
  envSchema?: boolean;
}

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
  let defaultMediaDir: string | undefined;
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
        runtime.integration = true;
        // The loaders self-host media that HTML fields link to on these hosts too.
        runtime.mediaHosts = [...(options.mediaHosts ?? [])];
        defaultMediaDir = resolve(fileURLToPath(config.cacheDir), 'astro-stagebloc', 'media');
        // Static patterns only: a changing Astro config makes Astro clear the content store.
        updateConfig({
          ...(options.envSchema === false ? {} : { env: { schema: { ...STAGEBLOC_ENV_SCHEMA } } }),
          image: {
            remotePatterns: [
              ...STAGEBLOC_REMOTE_PATTERNS.map((p) => ({ ...p })),
              ...(options.mediaHosts ?? []).map((hostname) => ({ protocol: 'https', hostname })),
            ],
          },
        });
        if (options.demo && command !== 'preview') {
          const { startSimulator } = await import('../simulator/index.js');
          const started = await startSimulator({ port: 0 });
          simulator = { apiUrl: started.apiUrl, token: started.token, close: () => started.close() };
          runtime.demo = { baseUrl: started.apiUrl, token: started.token };
          logger.warn(
            'DEMO MODE: building from the bundled StageBloc demo account (stagebloc({ demo: true })), not your own content. ' +
              'Remove `demo: true` and set STAGEBLOC_ACCESS_TOKEN to build from your account.',
          );
        }
      },
      'astro:server:setup': ({ server }) => {
        server.middlewares.use(mediaMiddleware(mediaDirs));
      },
      'astro:server:done': async () => {
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
