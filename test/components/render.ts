/**
 * Renders the bundled components with Astro's Container API. The root vitest config
 * is not an Astro config, so .astro files are compiled by a Vite dev server built by
 * Astro's getViteConfig() for a bare project at the repo root (no astro.config, no
 * integrations: nothing syncs). Components are loaded through the package name, as a
 * site would import them.
 */
import { fileURLToPath } from 'node:url';
import { getViteConfig } from 'astro/config';
import { createServer, type ViteDevServer } from 'vite';

/** The `site` the container renders with (Astro.site), for absolute URLs. */
export const SITE = 'https://band.example';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

type Component = Parameters<import('astro/container').experimental_AstroContainer['renderToString']>[0];

export interface ComponentRenderer {
  /** Renders `astro-stagebloc/components`' export `name` with `props` (and optional slots). */
  render(
    name: string,
    props: Record<string, unknown>,
    options?: { slots?: Record<string, string>; url?: string },
  ): Promise<string>;
  /** Loads a module through the same Vite server (e.g. `astro-stagebloc/components`). */
  load<T = Record<string, unknown>>(id: string): Promise<T>;
  close(): Promise<void>;
}

export async function startComponentRenderer(): Promise<ComponentRenderer> {
  const config = await getViteConfig(
    {
      root: ROOT,
      logLevel: 'error',
      appType: 'custom',
      server: { middlewareMode: true, hmr: false, watch: null, ws: false },
      optimizeDeps: { noDiscovery: true, include: [] },
    },
    { root: ROOT, logLevel: 'error' },
  )({ command: 'serve', mode: 'test' });
  const server: ViteDevServer = await createServer({ ...config, configFile: false });
  const { experimental_AstroContainer } = (await server.ssrLoadModule(
    'astro/container',
  )) as typeof import('astro/container');
  const container = await experimental_AstroContainer.create({ astroConfig: { site: SITE } });
  const components = (await server.ssrLoadModule('astro-stagebloc/components')) as Record<string, Component>;
  return {
    async render(name, props, options = {}) {
      const component = components[name];
      if (!component) throw new Error(`astro-stagebloc/components has no export ${name}`);
      return container.renderToString(component, {
        props,
        slots: options.slots ?? {},
        request: new Request(options.url ?? `${SITE}/`),
      });
    },
    async load(id) {
      return (await server.ssrLoadModule(id)) as never;
    },
    close: () => server.close(),
  };
}
