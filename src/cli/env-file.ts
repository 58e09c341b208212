import { open, readFile, rename, realpath, rm } from 'node:fs/promises';
import { dirname, basename, join } from 'node:path';
import { parseEnv } from 'node:util';

/** Variables from a dotenv file; an absent file is empty. */
export async function readEnvFile(path: string): Promise<Record<string, string>> {
  const text = await readTextIfExists(path);
  if (text === undefined) return {};
  return parseEnv(text) as Record<string, string>;
}

/**
 * Sets `name=value` in a dotenv file, keeping every other line as it was.
 * An existing assignment of `name` is replaced in place (later duplicates are
 * dropped so the file has one meaning). The file ends up with mode 600 even
 * if it existed with a wider mode: it is rewritten through a temp file created
 * 600 and renamed over, so the secret never sits in a readable file.
 */
export async function setEnvVar(path: string, name: string, value: string): Promise<void> {
  const target = await resolveSymlink(path);
  const before = (await readTextIfExists(target)) ?? '';
  const after = replaceAssignment(before, name, value);
  const temp = join(dirname(target), `.${basename(target)}.tmp-${process.pid}`);
  try {
    const handle = await open(temp, 'wx', 0o600);
    try {
      await handle.writeFile(after);
      await handle.chmod(0o600); // open()'s mode is filtered by the umask; chmod is not
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/** Pure text edit behind setEnvVar, exported for tests. */
export function replaceAssignment(text: string, name: string, value: string): string {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const lines = text === '' ? [] : text.split(/\r?\n/);
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  const assignment = `${name}=${quoteEnvValue(value)}`;
  const matcher = new RegExp(`^\\s*(?:export\\s+)?${escapeRegExp(name)}\\s*=`);
  let replaced = false;
  const out: string[] = [];
  for (const line of lines) {
    if (!matcher.test(line)) {
      out.push(line);
    } else if (!replaced) {
      out.push(assignment);
      replaced = true;
    }
  }
  if (!replaced) out.push(assignment);
  return out.join(eol) + eol;
}

/** dotenv quotes have no escapes, so pick a quote character the value does not contain. */
function quoteEnvValue(value: string): string {
  if (/^[\w.~+/=:@-]*$/.test(value)) return value;
  const quote = /[\r\n]/.test(value) ? undefined : ["'", '"', '`'].find((q) => !value.includes(q));
  if (quote === undefined)
    throw new Error('This value cannot be written to a dotenv file (it has newlines or every quote character).');
  return `${quote}${value}${quote}`;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

async function readTextIfExists(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** Writing through a symlinked .env must update the file it points at, not replace the link. */
async function resolveSymlink(path: string): Promise<string> {
  try {
    return await realpath(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return path;
    throw error;
  }
}
