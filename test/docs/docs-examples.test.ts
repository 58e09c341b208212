/**
 * The docs site's runnable scripts (```js title="name.mjs" blocks in docs/src/content/docs)
 * are run as a user would run them: as ES modules importing the package by name, on Node,
 * against the simulator over HTTP. Every such block must have a test here, and every test
 * must find its block, so a script added to the docs without a check fails too.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../src/simulator/index.js';
import { REPO, startExampleRunner, type ExampleRunner } from './example-runner.js';

const PAGES = join(REPO, 'docs', 'src', 'content', 'docs');

interface Script {
  page: string;
  name: string;
  code: string;
}

async function docsScripts(): Promise<Script[]> {
  const scripts: Script[] = [];
  for (const entry of await readdir(PAGES, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !/\.mdx?$/.test(entry.name)) continue;
    const path = join(entry.parentPath, entry.name);
    const text = await readFile(path, 'utf8');
    for (const match of text.matchAll(/^```js title="([^"]+\.mjs)"\n([\s\S]*?)^```$/gm)) {
      scripts.push({ page: relative(PAGES, path), name: match[1]!, code: match[2]! });
    }
  }
  return scripts;
}

describe('docs site scripts', () => {
  let sim: Simulator;
  let runner: ExampleRunner;
  let scripts: Script[];
  beforeAll(async () => {
    sim = await startSimulator({ port: 0 });
    runner = await startExampleRunner();
    scripts = await docsScripts();
  });
  afterAll(async () => {
    await sim?.close();
    await runner?.close();
  });

  async function runScript(name: string, env: Record<string, string> = {}) {
    const script = scripts.find((s) => s.name === name);
    if (!script) throw new Error(`no docs page has a \`\`\`js title="${name}" block`);
    sim.clearRequests();
    return runner.run(name, script.code, env);
  }

  const tested = ['client.mjs', 'client-credentials.mjs', 'simulator.mjs'];

  it('every runnable script in the docs is tested here, and each has its own name', () => {
    const names = scripts.map((s) => s.name);
    expect(new Set(names).size, names.join(', ')).toBe(names.length);
    expect([...names].sort()).toEqual([...tested].sort());
  });

  it('client.mjs runs against the simulator in XML and prints what it fetched', async () => {
    const { stdout } = await runScript('client.mjs', { STAGEBLOC_API_URL: sim.apiUrl, STAGEBLOC_ACCESS_TOKEN: sim.token });
    expect(stdout).toContain(`${sim.account.blog.length} posts (drafts included)`);
    const minutes = Math.round(sim.account.tracks.reduce((s, t) => s + Number(t.length ?? 0), 0) / 60);
    expect(stdout).toContain(`${minutes} minutes of audio`);
    expect(sim.requests.length).toBeGreaterThan(2);
    expect(sim.requests.every((r) => r.format === 'xml')).toBe(true);
    expect(stdout).not.toContain(sim.token);
  });

  it('client-credentials.mjs gets one token and reuses it for both requests', async () => {
    const { stdout } = await runScript('client-credentials.mjs', {
      STAGEBLOC_API_URL: sim.apiUrl,
      STAGEBLOC_TOKEN_URL: `${sim.apiUrl}oauth2/token`,
      STAGEBLOC_CLIENT_ID: sim.clientId,
      STAGEBLOC_CLIENT_SECRET: sim.clientSecret,
    });
    const newest = [...sim.account.tracks].sort((a, b) => String(b.created).localeCompare(String(a.created)))[0]!;
    expect(stdout.trim()).toBe(`newest track: ${newest.title}; ${sim.account.albums.length} albums`);
    expect(sim.requests.map((r) => r.endpoint)).toEqual(['/oauth2/token', '/audio/list', '/photos/albums/list']);
    expect(stdout).not.toContain(sim.clientSecret);
  });

  it('simulator.mjs shows two retried 503s: three requests', async () => {
    const { stdout } = await runScript('simulator.mjs');
    expect(stdout.trim().endsWith(' 3')).toBe(true);
  });
});
