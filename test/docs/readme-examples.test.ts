/**
 * The README's runnable examples are run as a user would run them: as ES modules importing the
 * package by name, on Node, against the simulator over HTTP. A README example that stops working
 * fails here.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { startSimulator, type Simulator } from '../../src/simulator/index.js';
import { expectClientScriptOutput } from './example-checks.js';
import { REPO, startExampleRunner, type ExampleRunner } from './example-runner.js';

async function readmeExample(name: string): Promise<string> {
  const readme = await readFile(join(REPO, 'README.md'), 'utf8');
  const blocks = [...readme.matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1]!);
  const block = blocks.find((b) => b.startsWith(`// README example: ${name}\n`));
  if (!block) throw new Error(`README.md has no js block starting with "// README example: ${name}"`);
  return block;
}

describe('README examples', () => {
  let sim: Simulator;
  let runner: ExampleRunner;
  beforeAll(async () => {
    sim = await startSimulator({ port: 0 });
    runner = await startExampleRunner();
  });
  afterAll(async () => {
    await sim?.close();
    await runner?.close();
  });

  const runExample = async (name: string, env: Record<string, string> = {}) =>
    runner.run(`${name}.mjs`, await readmeExample(name), env);

  it('the client example runs against the simulator in XML and prints what it fetched', async () => {
    const { stdout } = await runExample('client', { STAGEBLOC_API_URL: sim.apiUrl, STAGEBLOC_ACCESS_TOKEN: sim.token });
    expectClientScriptOutput(stdout, sim);
  });
});
