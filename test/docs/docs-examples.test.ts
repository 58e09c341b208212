/**
 * The docs site's scripts (```js blocks titled `<name>.mjs`) are run as a reader would run
 * them, each against a fresh simulator over HTTP, and their output is checked. A script added
 * to the docs without a check here fails, so every one stays runnable.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../src/simulator/index.js';
import { expectClientScriptOutput, expectSimulatorScriptOutput } from './example-checks.js';
import { REPO, startExampleRunner, type ExampleRunner } from './example-runner.js';

const PAGES = join(REPO, 'docs', 'src', 'content', 'docs');

interface Script {
  name: string;
  page: string;
  code: string;
}

/** Every ```js title="<name>.mjs" block of every docs page. */
async function docsScripts(): Promise<Script[]> {
  const scripts: Script[] = [];
  for (const entry of await readdir(PAGES, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !/\.mdx?$/.test(entry.name)) continue;
    const path = join(entry.parentPath, entry.name);
    const text = await readFile(path, 'utf8');
    for (const match of text.matchAll(/^```js title="([^"]+\.mjs)"\n([\s\S]*?)^```$/gm)) {
      scripts.push({ name: match[1]!, page: relative(PAGES, path), code: match[2]! });
    }
  }
  return scripts;
}

/** What each script must do against the simulator: its environment and the checks on its output. */
const CHECKS: Record<
  string,
  { env(sim: Simulator): Record<string, string>; check(stdout: string, sim: Simulator): void }
> = {
  'client.mjs': {
    env: (sim) => ({ STAGEBLOC_API_URL: sim.apiUrl, STAGEBLOC_ACCESS_TOKEN: sim.token }),
    check: expectClientScriptOutput,
  },
  'client-credentials.mjs': {
    env: (sim) => ({
      STAGEBLOC_API_URL: sim.apiUrl,
      STAGEBLOC_TOKEN_URL: `${sim.apiUrl}oauth2/token`,
      STAGEBLOC_CLIENT_ID: sim.clientId,
      STAGEBLOC_CLIENT_SECRET: sim.clientSecret,
    }),
    check(stdout, sim) {
      const newest = [...sim.account.tracks].sort((a, b) => String(b.created).localeCompare(String(a.created)))[0]!;
      expect(stdout.trim()).toBe(`newest track: ${newest.title}; ${sim.account.albums.length} albums`);
      // One token request, then both API requests with the token it issued (not the demo token).
      expect(sim.requests.map((r) => [r.endpoint, r.status])).toEqual([
        ['/oauth2/token', 200],
        ['/audio/list', 200],
        ['/photos/albums/list', 200],
      ]);
      for (const request of sim.requests.slice(1)) {
        expect(request.headers['authorization']).toMatch(/^OAuth \S+$/);
        expect(request.headers['authorization']).not.toBe(`OAuth ${sim.token}`);
      }
      expect(stdout).not.toContain(sim.clientSecret);
    },
  },
  'simulator.mjs': {
    env: () => ({}),
    check: (stdout) => expectSimulatorScriptOutput(stdout),
  },
};

describe('docs site scripts', async () => {
  const scripts = await docsScripts();
  let runner: ExampleRunner;
  let sim: Simulator;
  beforeAll(async () => {
    runner = await startExampleRunner();
  });
  afterAll(() => runner?.close());
  beforeEach(async () => {
    sim = await startSimulator({ port: 0 });
  });
  afterEach(() => sim?.close());

  it('every script in the docs has a check here, and every check a script', () => {
    const names = scripts.map((s) => s.name);
    expect(new Set(names).size, `two scripts share a name: ${names.join(', ')}`).toBe(names.length);
    expect([...names].sort()).toEqual(Object.keys(CHECKS).sort());
  });

  it.each(scripts.map((s) => [s.name, s] as const))('%s runs against the simulator', async (_name, script) => {
    const { env, check } = CHECKS[script.name]!;
    const { stdout } = await runner.run(script.name, script.code, env(sim));
    check(stdout, sim);
  });
});
