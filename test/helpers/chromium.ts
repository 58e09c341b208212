/**
 * Debian's Chromium driven by playwright-core, shared by the browser suites so
 * they run the same browser the same way.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** A system package, not playwright's download: CI (.ci/run) installs it, a bare machine may not have it. */
export const CHROMIUM = '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);

/** Headless, sandbox-free for containers, quiet on the network, and allowed to play audio without a click. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--autoplay-policy=no-user-gesture-required',
    ],
  });
}
