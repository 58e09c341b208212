/**
 * The starter template as a user gets it: templates/artist copied to a temp dir outside
 * this repository, astro-stagebloc installed from an `npm pack` tarball of this checkout
 * (not the workspace link), `npm install` from the registry (cache first), then
 * `astro build`: it succeeds from the demo account with the demo banner, and on CI
 * without a token it fails with the missing-token message. One install for both.
 */
import { spawn } from 'node:child_process';
import { cp, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MISSING_TOKEN_MESSAGE } from '../../src/sync/errors.js';
import { REPO_ROOT, ensurePackageBuilt, nodeBinary } from '../helpers/astro-build.js';

const TEMPLATE = join(REPO_ROOT, 'templates', 'artist');

interface Run {
  code: number | null;
  output: string;
}

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv, timeoutMs: number): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

/** The user's environment: nothing StageBloc-related, not CI, no deploy host. */
function userEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (/^(STAGEBLOC_|VITEST|NODE_OPTIONS$|CI$|NETLIFY$|VERCEL$|npm_)/i.test(name)) continue;
    env[name] = value;
  }
  return { ...env, ASTRO_TELEMETRY_DISABLED: '1', NO_COLOR: '1', ...extra };
}

describe('templates/artist, installed from an npm pack tarball outside the workspace', () => {
  let work: string;
  let project: string;
  let install: Run;

  beforeAll(async () => {
    await ensurePackageBuilt();
    work = await mkdtemp(join(tmpdir(), 'stagebloc-template-'));
    // --ignore-scripts: `prepack` would recompile dist/ under other tests' feet; it is fresh already.
    const pack = await run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], REPO_ROOT, userEnv(), 120_000);
    if (pack.code !== 0) throw new Error(`npm pack failed:\n${pack.output}`);
    const tarball = join(work, (JSON.parse(pack.output.slice(pack.output.indexOf('['))) as Array<{ filename: string }>)[0]!.filename);

    project = join(work, 'my-band-site');
    await cp(TEMPLATE, project, {
      recursive: true,
      filter: (source) => !/[\\/](node_modules|dist|\.astro)([\\/]|$)/.test(source.slice(TEMPLATE.length)),
    });
    const manifestPath = join(project, 'package.json');
    const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as { dependencies: Record<string, string> };
    expect(manifest.dependencies['astro-stagebloc']).toMatch(/^\^\d+\.\d+\.\d+$/);
    manifest.dependencies['astro-stagebloc'] = `file:${tarball}`;
    await writeFile(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);

    install = await run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], project, userEnv(), 420_000);
  }, 600_000);

  afterAll(async () => {
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('installs the packed package as a real copy, not a link into this repo', async () => {
    expect(install.code, install.output).toBe(0);
    const installed = await readdir(join(project, 'node_modules', 'astro-stagebloc'));
    expect(installed).toEqual(expect.arrayContaining(['package.json', 'dist', 'src']));
    const lock = await readFile(join(project, 'package-lock.json'), 'utf8');
    expect(lock).toContain('astro-stagebloc');
    expect(lock).not.toContain(REPO_ROOT);
  });

  it('builds from the demo account locally, with the demo banner, and fails on CI without a token', async () => {
    expect(install.code, install.output).toBe(0);
    const astro = join(project, 'node_modules', 'astro', 'bin', 'astro.mjs');

    const demo = await run(nodeBinary(), [astro, 'build'], project, userEnv(), 240_000);
    expect(demo.code, demo.output.slice(-3000)).toBe(0);
    const home = await readFile(join(project, 'dist', 'index.html'), 'utf8');
    expect(home).toContain('Demo mode:');
    expect(home).toMatch(/<audio\b[^>]*src="\/_stagebloc\/audio\/[a-f0-9]{16}\.mp3"/);
    const pages = await readdir(join(project, 'dist', 'music'));
    expect(pages.length).toBeGreaterThan(3);

    await rm(join(project, 'dist'), { recursive: true, force: true });
    const ci = await run(nodeBinary(), [astro, 'build'], project, userEnv({ CI: 'true' }), 240_000);
    expect(ci.code).not.toBe(0);
    expect(ci.output).toContain(MISSING_TOKEN_MESSAGE.slice(0, 60));
    expect(ci.output).toContain('STAGEBLOC_ACCESS_TOKEN');
    const built = await readdir(join(project, 'dist')).catch(() => []);
    expect(built).not.toContain('index.html');
  }, 600_000);
});
