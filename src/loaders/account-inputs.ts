/**
 * What every entry reads from the whole account, besides its links: the media URLs the
 * account blocks (and, self-hosting, the hosts its media lives on). A sync that maps the
 * whole account works them out and keeps them in a file beside the snapshot, named by the
 * digest of what it holds; each loader's state remembers that digest. A rebuild whose change
 * reaches no other entry leaves them as they were, so it reads the file its state names and
 * maps the changed items alone, without reading the rest of the account, and writes nothing.
 */
import { readdir, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../sync/atomic-write.js';
import { digestOf } from '../sync/fingerprint.js';

export interface AccountInputs {
  /** The media URLs the account blocks (blockedMediaUrls). */
  blocked: ReadonlySet<string>;
  /** Self-hosted media: the account's media hosts (accountMediaHosts). */
  hosts?: ReadonlySet<string>;
}

interface AccountInputsFile {
  scope: string;
  blocked: string[];
  hosts?: string[];
}

const PREFIX = 'entry-inputs-';
const fileOf = (snapshotDir: string, digest: string) => join(snapshotDir, `${PREFIX}${digest}.json`);

export interface KeptInputs {
  digest: string;
  text: string;
}

// The loaders of a sync share one blocked set (blockedMediaUrls): its kept form is worked out once.
const keptForms = new WeakMap<object, Map<string, KeptInputs>>();

/** The inputs as kept, and their digest (a loader's state names them by it). */
export function keptForm(scope: string, inputs: AccountInputs): KeptInputs {
  const hosts = inputs.hosts ? [...inputs.hosts].sort() : undefined;
  const key = JSON.stringify([scope, hosts]);
  let forms = keptForms.get(inputs.blocked);
  if (!forms) keptForms.set(inputs.blocked, (forms = new Map()));
  let kept = forms.get(key);
  if (!kept) {
    const file: AccountInputsFile = { scope, blocked: [...inputs.blocked].sort(), ...(hosts ? { hosts } : {}) };
    const text = JSON.stringify(file);
    forms.set(key, (kept = { digest: digestOf(text), text }));
  }
  return kept;
}

const KEPT_READS = 4;
const reads = new Map<string, Promise<(AccountInputs & { scope: string }) | undefined>>();

/** The inputs a loader's state names (by digest), when the file is there and for `scope`. */
export async function readAccountInputs(
  snapshotDir: string,
  digest: string,
  scope: string,
): Promise<AccountInputs | undefined> {
  const path = fileOf(snapshotDir, digest);
  let read = reads.get(path);
  if (!read) {
    read = readFile(path, 'utf8').then(
      (text) => {
        const file = JSON.parse(text) as Partial<AccountInputsFile>;
        if (digestOf(text) !== digest || typeof file.scope !== 'string' || !Array.isArray(file.blocked))
          return undefined;
        return {
          scope: file.scope,
          blocked: new Set(file.blocked),
          ...(file.hosts ? { hosts: new Set(file.hosts) } : {}),
        };
      },
      () => undefined,
    );
    // Shared by the loaders of one sync, and by the next sync of a long `astro dev` (the file never
    // changes); a dev server whose blocked media changed keeps only the latest few.
    reads.set(path, read);
    for (const old of [...reads.keys()].slice(0, -KEPT_READS)) reads.delete(old);
    read.then((inputs) => inputs ?? reads.delete(path)).catch(() => reads.delete(path));
  }
  const inputs = await read;
  return inputs?.scope === scope ? inputs : undefined;
}

/** Files not named by the last sync are removed once they are this old (another build may still use them). */
const UNUSED_AFTER_MS = 60 * 60 * 1000;

/**
 * Keeps the inputs under their digest, unless a file already holds them. A cache: if it
 * cannot be written, the next rebuild maps from the whole account again.
 */
export function keepAccountInputs(snapshotDir: string, kept: KeptInputs): Promise<void> {
  const path = fileOf(snapshotDir, kept.digest);
  // The loaders of a sync keep the same inputs at the same moment: once.
  let keeping = keepings.get(path);
  if (!keeping) {
    keeping = keep(snapshotDir, path, kept).finally(() => keepings.delete(path));
    keepings.set(path, keeping);
  }
  return keeping;
}

const keepings = new Map<string, Promise<void>>();

async function keep(snapshotDir: string, path: string, kept: KeptInputs): Promise<void> {
  const exists = await stat(path).then(
    () => true,
    () => false,
  );
  if (!exists) await writeFileAtomic(path, kept.text).catch(() => undefined);
  const names = await readdir(snapshotDir).catch(() => [] as string[]);
  const now = Date.now();
  await Promise.all(
    names
      .filter((name) => name.startsWith(PREFIX) && name.endsWith('.json') && name !== `${PREFIX}${kept.digest}.json`)
      .map(async (name) => {
        const info = await stat(join(snapshotDir, name)).catch(() => undefined);
        if (info && now - info.mtimeMs > UNUSED_AFTER_MS) await rm(join(snapshotDir, name), { force: true });
      }),
  );
}
