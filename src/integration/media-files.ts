/**
 * Self-hosted media: which cached files a build references, copying them into the build
 * output, and serving them in `astro dev`. The loaders store site-local URLs
 * (`<base>_stagebloc/<images|audio>/<sha256-16>.<ext>`); the files live in the loaders'
 * media cache (`<cacheDir>/astro-stagebloc/media/files/`).
 */
import { createReadStream } from 'node:fs';
import { copyFile, mkdir, readdir, readFile, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { SELF_HOST_PREFIX } from '../content/media/resolve-media.js';

const REFERENCE = new RegExp(`${SELF_HOST_PREFIX}/(images|audio)/([a-f0-9]{16}\\.[a-z0-9]{2,5})`, 'g');
const SCANNED = new Set([
  '.html',
  '.htm',
  '.xml',
  '.json',
  '.js',
  '.mjs',
  '.css',
  '.txt',
  '.rss',
  '.atom',
  '.webmanifest',
]);

export interface MediaReference {
  kind: 'images' | 'audio';
  name: string;
}

async function* walk(dir: string): AsyncGenerator<string> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== SELF_HOST_PREFIX) yield* walk(path);
    } else if (entry.isFile() && SCANNED.has(extname(entry.name).toLowerCase())) {
      yield path;
    }
  }
}

/** Every self-hosted media file the built site links to. */
export async function findMediaReferences(distDir: string): Promise<MediaReference[]> {
  const found = new Map<string, MediaReference>();
  for await (const file of walk(distDir)) {
    const text = await readFile(file, 'utf8');
    for (const match of text.matchAll(REFERENCE)) {
      const kind = match[1] as MediaReference['kind'];
      const name = match[2]!;
      found.set(`${kind}/${name}`, { kind, name });
    }
  }
  return [...found.values()];
}

async function locate(name: string, mediaDirs: Iterable<string>): Promise<string | undefined> {
  for (const dir of mediaDirs) {
    const candidate = join(dir, 'files', name);
    if (
      await stat(candidate).then(
        (s) => s.isFile(),
        () => false,
      )
    )
      return candidate;
  }
  return undefined;
}

/** Copies referenced files into `<dist>/_stagebloc/…`; returns what was copied and what was missing. */
export async function copyMediaIntoBuild(
  distDir: string,
  mediaDirs: Iterable<string>,
): Promise<{ copied: number; missing: MediaReference[] }> {
  const dirs = [...mediaDirs];
  const references = await findMediaReferences(distDir);
  const missing: MediaReference[] = [];
  let copied = 0;
  for (const ref of references) {
    const source = await locate(ref.name, dirs);
    if (!source) {
      missing.push(ref);
      continue;
    }
    const targetDir = join(distDir, SELF_HOST_PREFIX, ref.kind);
    await mkdir(targetDir, { recursive: true });
    await copyFile(source, join(targetDir, ref.name));
    copied++;
  }
  return { copied, missing };
}

const CONTENT_TYPES: Record<string, string> = {
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.mp3': 'audio/mpeg',
  '.m4a': 'audio/mp4',
  '.ogg': 'audio/ogg',
  '.wav': 'audio/wav',
  '.aiff': 'audio/aiff',
};

type Middleware = (
  req: { url?: string },
  res: { statusCode: number; setHeader(name: string, value: string): void; end(): void } & NodeJS.WritableStream,
  next: () => void,
) => void;

/** Dev-server middleware serving `/_stagebloc/...` from the media cache. */
export function mediaMiddleware(mediaDirs: () => Iterable<string>): Middleware {
  const pattern = new RegExp(`/${SELF_HOST_PREFIX}/(?:images|audio)/([a-f0-9]{16}\\.[a-z0-9]{2,5})$`);
  return (req, res, next) => {
    const path = (req.url ?? '').split('?')[0] ?? '';
    const name = pattern.exec(path)?.[1];
    if (!name) return next();
    void locate(name, mediaDirs()).then((file) => {
      if (!file) return next();
      res.statusCode = 200;
      res.setHeader('content-type', CONTENT_TYPES[extname(name)] ?? 'application/octet-stream');
      res.setHeader('cache-control', 'public, max-age=31536000, immutable');
      createReadStream(file).pipe(res);
    }, next);
  };
}
