/**
 * One player playing per page: when any audio or video element starts, pause the
 * others. `play` does not bubble, hence a capturing listener on the document,
 * which also covers plain <audio> players that have no script of their own.
 */
// On window rather than in module state: if a bundler duplicated this module into two
// scripts, the listener must still be installed once.
const INSTALLED = Symbol.for('astro-stagebloc.one-player');

export function keepOnePlayerPlaying(): void {
  const w = window as unknown as Record<symbol, boolean>;
  if (w[INSTALLED]) return;
  w[INSTALLED] = true;
  document.addEventListener(
    'play',
    (event) => {
      for (const media of document.querySelectorAll<HTMLMediaElement>('audio, video')) {
        if (media !== event.target && !media.paused) media.pause();
      }
    },
    true,
  );
}
