/**
 * The README's runnable examples are run as a user would run them: as ES modules importing the
 * package by name, on Node, against the simulator over HTTP. A README example that stops working
 * fails here.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../src/simulator/index.js';

const run = promisify(execFile);
const root = join(import.meta.dirname, '..', '..');

async function readmeExample(name: string): Promise<string> {
  const readme = await readFile(join(root, 'README.md'), 'utf8');
  const blocks = [...readme.matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1]!);
  const block = blocks.find((b) => b.startsWith(`// README example: ${name}\n`));
  if (!block) throw new Error(`README.md has no js block starting with "// README example: ${name}"`);
  return block;
}

describe('README examples', () => {
  let sim: Simulator;
  let dir: string;
  beforeAll(async () => {
    sim = await startSimulator({ port: 0 });
    // Inside the repo so `astro-stagebloc/...` resolves through node_modules like in a user's project.
    dir = await mkdtemp(join(root, 'test', 'docs', '.run-'));
  });
  afterAll(async () => {
    await sim?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  async function runExample(name: string, env: Record<string, string> = {}) {
    const file = join(dir, `${name}.mjs`);
    await writeFile(file, await readmeExample(name));
    return run(process.execPath, [file], { env: { ...process.env, ...env }, timeout: 60_000 });
  }

  it('the client example runs against the simulator in XML and prints what it fetched', async () => {
    const { stdout } = await runExample('client', { STAGEBLOC_API_URL: sim.apiUrl, STAGEBLOC_ACCESS_TOKEN: sim.token });
    const blog = sim.account.blog;
    expect(stdout).toContain(`${blog.length} posts (drafts included)`);
    const minutes = Math.round(sim.account.tracks.reduce((s, t) => s + Number(t.length ?? 0), 0) / 60);
    expect(stdout).toContain(`${minutes} minutes of audio`);
    expect(sim.requests.every((r) => r.format === 'xml')).toBe(true);
    expect(stdout).not.toContain(sim.token);
  });

  it('the simulator example shows two retried 503s', async () => {
    const { stdout } = await runExample('simulator');
    expect(stdout.trim().endsWith(' 3')).toBe(true);
  });
});
