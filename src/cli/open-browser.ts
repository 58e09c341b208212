import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/**
 * The command that opens a URL in the user's browser, or undefined when there
 * is none (SSH session, CI, container without a display). `BROWSER` wins, as
 * in most CLIs.
 */
export function findBrowserOpener(
  env: Record<string, string | undefined>,
  platform: NodeJS.Platform,
): string[] | undefined {
  if (env['BROWSER']) return [env['BROWSER']];
  if (platform === 'darwin') return ['open'];
  if (platform === 'win32') return ['rundll32', 'url.dll,FileProtocolHandler'];
  const hasDisplay = Boolean(env['DISPLAY'] || env['WAYLAND_DISPLAY']);
  if (!hasDisplay) return undefined;
  const xdgOpen = findOnPath('xdg-open', env['PATH'] ?? '');
  return xdgOpen ? [xdgOpen] : undefined;
}

/** Best effort: returns whether an opener was started; never throws. */
export function openInBrowser(url: string, env: Record<string, string | undefined>): boolean {
  const opener = findBrowserOpener(env, process.platform);
  if (!opener) return false;
  const [command, ...args] = opener as [string, ...string[]];
  try {
    const child = spawn(command, [...args, url], { detached: true, stdio: 'ignore' });
    child.on('error', () => {});
    child.unref();
    return true;
  } catch {
    return false;
  }
}

function findOnPath(name: string, path: string): string | undefined {
  for (const dir of path.split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}
