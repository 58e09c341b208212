/**
 * The hand-off between the `stagebloc()` integration and the loaders. Astro evaluates
 * astro.config.mjs and src/content.config.ts in different module graphs (Node vs. Vite's
 * SSR runner), so this package can be loaded twice in one build and module state is not
 * shared. A `Symbol.for` slot on globalThis is: it lives only in this process's memory,
 * so the demo token never touches process.env, child processes or disk.
 */

export interface DemoEndpoint {
  baseUrl: string;
  token: string;
}

export interface StageblocRuntime {
  /** Set while `stagebloc({ demo: true })` runs the bundled simulator. */
  demo?: DemoEndpoint;
  /** True when the `stagebloc()` integration is installed (it copies self-hosted media). */
  integration?: boolean;
  /** Media cache directories loaders used in this process, for the integration to copy from. */
  mediaDirs: Set<string>;
  /**
   * The project's .env files as Astro reads them (set by the integration): Astro copies them
   * into process.env only when bundling starts, after the content is synced, so without
   * this a token in .env would not reach the loaders. Process memory only, like `demo`.
   */
  dotenv?: Record<string, string | undefined>;
  /** `stagebloc({ mediaHosts })`: more hosts whose media HTML fields may link to. */
  mediaHosts?: readonly string[];
}

const KEY = Symbol.for('astro-stagebloc.runtime');

export function stageblocRuntime(): StageblocRuntime {
  const slot = globalThis as unknown as Record<symbol, StageblocRuntime | undefined>;
  return (slot[KEY] ??= { mediaDirs: new Set() });
}
