/**
 * `npm run demo` / `npm run build:site` at the repo root.
 *
 *   1. builds the astro-stagebloc package when its compiled output is missing or older than src/,
 *   2. builds the example site: from the bundled demo account (API simulator in-process,
 *      media copied into dist/, so it works offline), or from your account when
 *      STAGEBLOC_ACCESS_TOKEN is set,
 *   3. (demo only, not with --build-only) serves dist/ with `astro preview` and prints the URL.
 *
 * Runs on the repo's pinned Node (npm scripts put node_modules/.bin first on PATH).
 */
import { spawn } from 'node:child_process';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const siteDir = fileURLToPath(new URL('..', import.meta.url));
const repoDir = fileURLToPath(new URL('../..', import.meta.url));
const astroBin = join(repoDir, 'node_modules', 'astro', 'bin', 'astro.mjs');
const buildOnly = process.argv.includes('--build-only');

async function newestMtime(dir: string, accept: (name: string) => boolean): Promise<number> {
  let newest = 0;
  const entries = await readdir(dir, { withFileTypes: true, recursive: true }).catch(() => []);
  for (const entry of entries) {
    if (!entry.isFile() || !accept(entry.name)) continue;
    const { mtimeMs } = await stat(join(entry.parentPath, entry.name));
    newest = Math.max(newest, mtimeMs);
  }
  return newest;
}

function run(command: string, args: string[], cwd: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, stdio: 'inherit', env: process.env });
    child.on('error', reject);
    child.on('exit', (code, signal) =>
      code === 0
        ? resolve()
        : reject(new Error(`${[command, ...args].join(' ')} failed (${signal ?? `exit ${code}`})`)),
    );
  });
}

async function ensurePackageBuilt(): Promise<void> {
  const sources = await newestMtime(join(repoDir, 'src'), (name) => name.endsWith('.ts'));
  const compiled = await newestMtime(join(repoDir, 'dist'), (name) => name.endsWith('.js'));
  if (compiled >= sources) return;
  console.log('astro-stagebloc: compiling the package (npm run build)…');
  await run(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', 'build'], repoDir);
}

function preview(): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [astroBin, 'preview'], {
      cwd: siteDir,
      stdio: ['inherit', 'pipe', 'inherit'],
      env: process.env,
    });
    let announced = false;
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      process.stdout.write(chunk);
      const url = /https?:\/\/(?:localhost|127\.0\.0\.1|\[::1\])(?::\d+)?\/\S*/.exec(
        chunk.replace(/\x1b\[[0-9;]*m/g, ''),
      )?.[0];
      if (url && !announced) {
        announced = true;
        console.log(`\n  The example site is running at ${url}  (Ctrl+C to stop)\n`);
      }
    });
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 || code === null ? resolve() : reject(new Error(`astro preview exited with ${code}`)),
    );
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
  });
}

try {
  await ensurePackageBuilt();
  // astro.config.mjs decides (it also reads example-site/.env): the demo account unless a token is set.
  console.log('Building the example site…');
  await run(process.execPath, [astroBin, 'build'], siteDir);
  if (!buildOnly) await preview();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
