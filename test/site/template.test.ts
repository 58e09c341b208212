/**
 * The starter template as a user gets it: templates/artist copied to a temp dir outside
 * this repository, astro-stagebloc installed from an `npm pack` tarball of this checkout
 * (not the workspace link), `npm install` from the registry (cache first), then
 * `astro build`: it succeeds from the demo account with the demo banner, and on CI
 * without a token it fails with the missing-token message. One install for both.
 * What the demo build publishes is what a deploy publishes: Open Graph tags on every page, a
 * sitemap and a robots.txt pointing at it, and pages axe-core finds no violation on (the
 * example site's checks; Lighthouse: `npm run lighthouse:template`). The scheduled-rebuild
 * workflow is read with a YAML parser.
 */
import { spawn } from 'node:child_process';
import { cp, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { DOMParser, parseHTML } from 'linkedom';
import { parse as parseYaml } from 'yaml';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MISSING_TOKEN_MESSAGE } from '../../src/sync/errors.js';
import { REPO_ROOT, ensurePackageBuilt, listFiles, nodeBinary } from '../helpers/astro-build.js';
import { axeViolations } from '../helpers/axe.js';
import { hasChromium, launchChromium } from '../helpers/chromium.js';
import { serveStatic } from '../helpers/static-server.js';

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
    const pack = await run(
      'npm',
      ['pack', '--ignore-scripts', '--json', '--pack-destination', work],
      REPO_ROOT,
      userEnv(),
      120_000,
    );
    if (pack.code !== 0) throw new Error(`npm pack failed:\n${pack.output}`);
    const tarball = join(
      work,
      (JSON.parse(pack.output.slice(pack.output.indexOf('['))) as Array<{ filename: string }>)[0]!.filename,
    );

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

    install = await run(
      'npm',
      ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'],
      project,
      userEnv(),
      420_000,
    );
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
    await checkPublished(join(project, 'dist'));

    await rm(join(project, 'dist'), { recursive: true, force: true });
    const ci = await run(nodeBinary(), [astro, 'build'], project, userEnv({ CI: 'true' }), 240_000);
    expect(ci.code).not.toBe(0);
    expect(ci.output).toContain(MISSING_TOKEN_MESSAGE.slice(0, 60));
    expect(ci.output).toContain('STAGEBLOC_ACCESS_TOKEN');
    const built = await readdir(join(project, 'dist')).catch(() => []);
    expect(built).not.toContain('index.html');

    // A token in .env (read by the integration, not guessed from the command line) turns the demo off.
    await writeFile(
      join(project, '.env'),
      'STAGEBLOC_ACCESS_TOKEN=template-test-token\nSTAGEBLOC_API_URL=http://127.0.0.1:9/2.0/\n',
    );
    const own = await run(nodeBinary(), [astro, 'build'], project, userEnv(), 240_000);
    await rm(join(project, '.env'));
    expect(own.code).not.toBe(0);
    expect(own.output).toContain('Could not reach the StageBloc API at 127.0.0.1:9');
    expect(own.output).not.toContain('DEMO MODE');
    expect(own.output).not.toContain('template-test-token');
  }, 600_000);

  it('ships a scheduled-rebuild workflow that only calls the BUILD_HOOK_URL secret', async () => {
    const workflow = parseYaml(await readFile(join(project, '.github', 'workflows', 'rebuild.yml'), 'utf8')) as {
      on: { schedule: Array<{ cron: string }>; workflow_dispatch: unknown };
      permissions: object;
      jobs: Record<string, { steps: Array<{ run?: string; env?: Record<string, string> }> }>;
    };
    expect(workflow.on.schedule[0]!.cron).toMatch(/^\S+ \S+ \S+ \S+ \S+$/);
    expect(workflow.on).toHaveProperty('workflow_dispatch');
    expect(workflow.permissions).toEqual({});
    const steps = Object.values(workflow.jobs).flatMap((job) => job.steps);
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub Actions expression, not a JavaScript template
    expect(steps.map((step) => step.env?.BUILD_HOOK_URL)).toContain('${{ secrets.BUILD_HOOK_URL }}');
    expect(steps.some((step) => /curl [^\n]*-X POST "\$BUILD_HOOK_URL"/.test(step.run ?? ''))).toBe(true);
    expect(await readFile(join(project, 'astro.config.mjs'), 'utf8')).not.toContain('process.argv');
  });
});

/** Link previews, sitemap and robots.txt on the built demo site, and axe-core on each page type. */
async function checkPublished(dist: string) {
  const htmlPages = (await listFiles(dist)).filter((file) => file.endsWith('.html'));
  expect(htmlPages.length).toBeGreaterThan(10);
  for (const file of htmlPages) {
    const { document } = parseHTML(await readFile(join(dist, file), 'utf8'));
    for (const property of ['og:type', 'og:title', 'og:url', 'og:site_name']) {
      const tags = document.querySelectorAll(`meta[property="${property}"]`);
      expect(tags.length, `${file} ${property}`).toBe(1);
      expect(tags[0]!.getAttribute('content'), `${file} ${property}`).not.toBe('');
    }
    expect(document.querySelector('meta[property="og:url"]')!.getAttribute('content')).toMatch(/^https:\/\//);
  }

  const robots = await readFile(join(dist, 'robots.txt'), 'utf8');
  const sitemapUrl = /^Sitemap: (\S+)$/m.exec(robots)?.[1];
  expect(sitemapUrl).toBe('https://example.com/sitemap-index.xml');
  const xml = (name: string) =>
    readFile(join(dist, name), 'utf8').then((text) => new DOMParser().parseFromString(text, 'text/xml'));
  const index = await xml('sitemap-index.xml');
  const parts = [...index.querySelectorAll('sitemap > loc')].map((loc) => new URL(loc.textContent!).pathname.slice(1));
  expect(parts.length).toBeGreaterThan(0);
  const listed = new Set<string>();
  for (const part of parts)
    for (const loc of (await xml(part)).querySelectorAll('url > loc')) listed.add(new URL(loc.textContent!).pathname);
  for (const path of ['/', '/music/', '/photos/', '/blog/']) expect(listed).toContain(path);
  // Every listed page exists in the build.
  for (const path of listed) expect(htmlPages, path).toContain(`${path.slice(1)}index.html`);

  if (!hasChromium) {
    console.warn('template axe check skipped: /usr/bin/chromium is not installed');
    return;
  }
  const pick = (pattern: RegExp) => htmlPages.find((file) => pattern.test(file))!;
  const paths = [
    'index.html',
    'music/index.html',
    pick(/^music\/\d+\/index\.html$/),
    'photos/index.html',
    pick(/^photos\/\d+\/index\.html$/),
    'blog/index.html',
    pick(/^blog\/post\/\d+\/index\.html$/),
    '404.html',
  ].map((file) => `/${file.replace(/index\.html$/, '')}`);
  const server = await serveStatic(dist);
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    for (const path of paths) {
      await page.goto(new URL(path, server.url).href, { waitUntil: 'load' });
      expect(await axeViolations(page), path).toEqual([]);
    }
  } finally {
    await browser.close();
    await server.close();
  }
}
