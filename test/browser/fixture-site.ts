/**
 * Builds the component fixture site (test/fixtures/component-site) with a real
 * `astro build` in a temp copy, and serves its output from a plain node:http static
 * server on 127.0.0.1:0 (with byte ranges, which media elements need to seek).
 */
import { createReadStream } from 'node:fs';
import { cp, mkdir, mkdtemp, readdir, rm, stat, symlink } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { astroBuild, REPO_ROOT } from '../helpers/astro-build.js';

export const COMPONENT_SITE = join(REPO_ROOT, 'test', 'fixtures', 'component-site');

export interface BuiltSite {
  root: string;
  distDir: string;
  output: string;
  cleanup(): Promise<void>;
}

/**
 * Where the temp copies go: inside the repo, not the system temp dir. The components
 * resolve (through the workspace link) to this checkout's src/; Astro treats .astro
 * files outside the project root as root-relative unless the two share an ancestor
 * directory below "/", which any real monorepo does.
 */
const BUILDS = join(COMPONENT_SITE, '.builds');

export async function buildComponentSite(): Promise<BuiltSite> {
  await mkdir(BUILDS, { recursive: true });
  const root = await mkdtemp(join(BUILDS, 'site-'));
  try {
    for (const part of ['astro.config.mjs', 'package.json', 'src']) {
      await cp(join(COMPONENT_SITE, part), join(root, part), { recursive: true });
    }
    // Links to each of the repo's packages (not one link to the whole folder), so the
    // build's own caches land in the temp copy.
    const modules = join(root, 'node_modules');
    await mkdir(modules);
    for (const entry of await readdir(join(REPO_ROOT, 'node_modules'))) {
      if (entry.startsWith('.')) continue;
      await symlink(join(REPO_ROOT, 'node_modules', entry), join(modules, entry));
    }
    const distDir = join(root, 'dist');
    const build = await astroBuild({ root, distDir });
    if (build.code !== 0)
      throw new Error(`astro build of the component fixture site failed (exit ${build.code}):\n${build.output}`);
    return { root, distDir, output: build.output, cleanup: () => rm(root, { recursive: true, force: true }) };
  } catch (error) {
    await rm(root, { recursive: true, force: true });
    throw error;
  }
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.xml': 'application/xml',
  '.mp3': 'audio/mpeg',
  '.jpeg': 'image/jpeg',
  '.jpg': 'image/jpeg',
  '.png': 'image/png',
  '.webp': 'image/webp',
  '.svg': 'image/svg+xml',
};

export interface StaticServer {
  origin: string;
  close(): Promise<void>;
}

export async function serveStatic(dir: string): Promise<StaticServer> {
  const server = createServer(async (req, res) => {
    try {
      const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
      let file = normalize(join(dir, pathname));
      if (file !== dir && !file.startsWith(dir + sep)) throw new Error('outside');
      let info = await stat(file).catch(() => null);
      if (info?.isDirectory()) {
        file = join(file, 'index.html');
        info = await stat(file).catch(() => null);
      }
      if (!info?.isFile()) {
        res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found');
        return;
      }
      const headers: Record<string, string | number> = {
        'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
        'Accept-Ranges': 'bytes',
      };
      const range = /^bytes=(\d*)-(\d*)$/.exec(req.headers.range ?? '');
      let start = 0;
      let end = info.size - 1;
      if (range && (range[1] || range[2])) {
        start = range[1] ? Number(range[1]) : info.size - Number(range[2]);
        end = range[1] && range[2] ? Math.min(Number(range[2]), info.size - 1) : info.size - 1;
        if (start > end || start >= info.size) {
          res.writeHead(416, { 'Content-Range': `bytes */${info.size}` }).end();
          return;
        }
        res.writeHead(206, {
          ...headers,
          'Content-Range': `bytes ${start}-${end}/${info.size}`,
          'Content-Length': end - start + 1,
        });
      } else {
        res.writeHead(200, { ...headers, 'Content-Length': info.size });
      }
      if (req.method === 'HEAD') res.end();
      else createReadStream(file, { start, end }).pipe(res);
    } catch {
      res.writeHead(400).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
