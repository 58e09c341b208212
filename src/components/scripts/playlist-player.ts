/**
 * Enhances PlaylistPlayer markup into one player. The rows keep their own <audio>
 * elements (the no-JS fallback), so switching tracks is just pausing one element and
 * playing the next: no src juggling, and each row keeps its own buffer.
 */
import { clockDuration, spokenDuration } from '../../entries/duration.js';
import { keepOnePlayerPlaying } from './one-player.js';

interface Row {
  audio: HTMLAudioElement;
  button: HTMLButtonElement | null;
  li: HTMLElement;
  title: string;
  artist: string;
  /** Seconds from the API, used until the file's own metadata arrives. */
  listed: number;
}

const SMALL_STEP = 5;
const LARGE_STEP = 30;

export function enhancePlaylists(): void {
  keepOnePlayerPlaying();
  for (const root of document.querySelectorAll<HTMLElement>('[data-stagebloc-playlist]:not([data-enhanced])')) {
    enhance(root);
  }
}

const q = <T extends Element>(root: ParentNode, selector: string) => root.querySelector<T>(selector);

/** The button's play/pause icon follows `data-playing` (CSS in PlaylistPlayer.astro). */
function setIcon(button: HTMLButtonElement | null, playing: boolean): void {
  button?.toggleAttribute('data-playing', playing);
}

function enhance(root: HTMLElement): void {
  root.dataset.enhanced = '';
  const rows: Row[] = [];
  for (const li of root.querySelectorAll<HTMLElement>('[data-track-row]')) {
    const audio = q<HTMLAudioElement>(li, 'audio');
    if (!audio) continue;
    rows.push({
      audio,
      button: q<HTMLButtonElement>(li, '[data-row-toggle]'),
      li,
      title: li.dataset.title ?? '',
      artist: li.dataset.artist ?? '',
      listed: Number(li.dataset.duration) || 0,
    });
  }
  const controls = q<HTMLElement>(root, '[data-controls]');
  if (!rows.length || !controls) return;

  const toggle = q<HTMLButtonElement>(controls, '[data-toggle]')!;
  const prev = q<HTMLButtonElement>(controls, '[data-prev]')!;
  const next = q<HTMLButtonElement>(controls, '[data-next]')!;
  const seek = q<HTMLInputElement>(controls, '[data-seek]')!;
  const elapsed = q<HTMLElement>(controls, '[data-elapsed]')!;
  const total = q<HTMLElement>(controls, '[data-total]')!;
  const note = q<HTMLElement>(controls, '[data-now-playing]')!;
  const album = root.dataset.playlistTitle ?? '';
  const artwork = root.dataset.artwork;
  let current = 0;

  const row = () => rows[current]!;
  const durationOf = (r: Row) =>
    Number.isFinite(r.audio.duration) && r.audio.duration > 0 ? r.audio.duration : r.listed;
  const playing = () => !row().audio.paused;
  const say = (text: string) => {
    if (note.textContent !== text) note.textContent = text;
  };

  function render(): void {
    const r = row();
    const isPlaying = playing();
    toggle.setAttribute('aria-label', `${isPlaying ? 'Pause' : 'Play'} ${r.title}`);
    setIcon(toggle, isPlaying);
    rows.forEach((other, i) => {
      const active = i === current && isPlaying;
      other.button?.setAttribute('aria-label', `${active ? 'Pause' : 'Play'} ${other.title}`);
      setIcon(other.button, active);
      if (i === current) other.li.setAttribute('aria-current', 'true');
      else other.li.removeAttribute('aria-current');
    });
    prev.disabled = current === 0;
    next.disabled = current === rows.length - 1;
    renderTime();
  }

  function renderTime(): void {
    const r = row();
    const duration = durationOf(r);
    const position = Math.min(r.audio.currentTime, duration || r.audio.currentTime);
    seek.max = String(Math.max(1, Math.round(duration)));
    seek.value = String(Math.round(position));
    seek.setAttribute('aria-valuetext', `${spokenDuration(position)} of ${spokenDuration(duration)}`);
    elapsed.textContent = clockDuration(position);
    total.textContent = clockDuration(duration);
    const session = navigator.mediaSession;
    if (session?.setPositionState && duration > 0 && playing()) {
      try {
        session.setPositionState({ duration, position, playbackRate: r.audio.playbackRate || 1 });
      } catch {
        // Position briefly beyond a not-yet-updated duration: the next timeupdate fixes it.
      }
    }
  }

  function select(index: number, play: boolean): void {
    if (index < 0 || index >= rows.length) return;
    if (index !== current) {
      row().audio.pause();
      current = index;
      row().audio.currentTime = 0;
    }
    if (play)
      void row()
        .audio.play()
        .catch(() => render());
    render();
  }

  function togglePlay(): void {
    if (!playing()) {
      select(current, true);
      return;
    }
    row().audio.pause();
    // Labels follow at once; the pause event (a queued task) confirms it.
    render();
  }
  const seekBy = (delta: number) => seekTo(row().audio.currentTime + delta);
  function seekTo(seconds: number): void {
    const audio = row().audio;
    const duration = durationOf(row());
    audio.currentTime = Math.max(0, duration ? Math.min(seconds, duration) : seconds);
    renderTime();
  }

  function claimMediaSession(r: Row): void {
    const session = navigator.mediaSession;
    if (!session) return;
    if (typeof MediaMetadata === 'function') {
      session.metadata = new MediaMetadata({
        title: r.title,
        artist: r.artist,
        album,
        artwork: artwork ? [{ src: artwork }] : [],
      });
    }
    const handlers: Array<[MediaSessionAction, MediaSessionActionHandler]> = [
      ['play', () => select(current, true)],
      ['pause', () => row().audio.pause()],
      ['previoustrack', () => select(current - 1, true)],
      ['nexttrack', () => select(current + 1, true)],
      ['seekbackward', (d) => seekBy(-(d.seekOffset ?? SMALL_STEP * 2))],
      ['seekforward', (d) => seekBy(d.seekOffset ?? SMALL_STEP * 2)],
      ['seekto', (d) => d.seekTime !== undefined && seekTo(d.seekTime)],
    ];
    for (const [action, handler] of handlers) {
      try {
        session.setActionHandler(action, handler);
      } catch {
        // Browsers throw for actions they do not support.
      }
    }
  }

  rows.forEach((r, i) => {
    r.audio.controls = false;
    r.button?.removeAttribute('hidden');
    r.button?.addEventListener('click', () => (i === current && playing() ? r.audio.pause() : select(i, true)));
    r.audio.addEventListener('play', () => {
      if (i !== current) {
        current = i;
      }
      claimMediaSession(r);
      say(`Now playing: ${r.title}${r.artist ? ` by ${r.artist}` : ''} (track ${i + 1} of ${rows.length})`);
      render();
    });
    r.audio.addEventListener('pause', () => {
      if (i === current && !r.audio.ended) say(`Paused: ${r.title}`);
      render();
    });
    r.audio.addEventListener('ended', () => {
      if (i === current && i < rows.length - 1) select(i + 1, true);
      else render();
    });
    for (const type of ['timeupdate', 'durationchange', 'seeked']) {
      r.audio.addEventListener(type, () => i === current && renderTime());
    }
  });

  toggle.addEventListener('click', togglePlay);
  prev.addEventListener('click', () => select(current - 1, playing()));
  next.addEventListener('click', () => select(current + 1, playing()));
  seek.addEventListener('input', () => seekTo(Number(seek.value)));

  root.addEventListener('keydown', (event) => {
    const target = event.target as HTMLElement;
    if (event.altKey || event.ctrlKey || event.metaKey || target.closest('a, textarea, select, [contenteditable]'))
      return;
    if (target instanceof HTMLInputElement && target !== seek) return;
    const onSlider = target === seek;
    const actions: Record<string, () => void> = {
      ArrowLeft: () => seekBy(-SMALL_STEP),
      ArrowRight: () => seekBy(SMALL_STEP),
      PageDown: () => seekBy(-LARGE_STEP),
      PageUp: () => seekBy(LARGE_STEP),
      Home: () => seekTo(0),
      End: () => seekTo(durationOf(row())),
    };
    if (onSlider) {
      actions.ArrowDown = actions.ArrowLeft!;
      actions.ArrowUp = actions.ArrowRight!;
    }
    // Space on a button already clicks it.
    if (event.key === ' ' && !(target instanceof HTMLButtonElement)) actions[' '] = togglePlay;
    const action = actions[event.key];
    if (!action) return;
    event.preventDefault();
    action();
  });

  // The controls were laid out (invisible, inert) from the first paint: showing them moves nothing.
  controls.inert = false;
  render();
}
