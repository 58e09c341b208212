/**
 * Durations in the three forms the components need: ISO 8601 for machines
 * (`<time datetime>`, JSON-LD), a clock for eyes, and words for screen readers
 * (`aria-valuetext`). Shared by the server templates and the player script, so
 * it must stay dependency-free and small.
 */

function parts(totalSeconds: number): [hours: number, minutes: number, seconds: number] {
  const whole = Math.max(0, Math.floor(Number.isFinite(totalSeconds) ? totalSeconds : 0));
  return [Math.floor(whole / 3600), Math.floor((whole % 3600) / 60), whole % 60];
}

/** `PT3M20S`; `PT0S` for zero. */
export function isoDuration(totalSeconds: number): string {
  const [h, m, s] = parts(totalSeconds);
  const text = (h ? `${h}H` : '') + (m ? `${m}M` : '') + (s || (!h && !m) ? `${s}S` : '');
  return `PT${text}`;
}

/** `3:20`, `1:02:03`. */
export function clockDuration(totalSeconds: number): string {
  const [h, m, s] = parts(totalSeconds);
  const ss = String(s).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

const unit = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** `1 minute 5 seconds`, `2 hours`, `0 seconds`. */
export function spokenDuration(totalSeconds: number): string {
  const [h, m, s] = parts(totalSeconds);
  const words = [h && unit(h, 'hour'), m && unit(m, 'minute'), s && unit(s, 'second')].filter(Boolean);
  return words.length ? words.join(' ') : unit(0, 'second');
}
