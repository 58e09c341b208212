/**
 * Dates on the wire are UTC `Y-m-d H:i:s`. The demo account is dated relative
 * to a fixed reference instant, never the clock, so it is the same every run.
 */
import type { WireDate } from './types.js';

/** "Now" for the generated account: every generated date is at or before it. */
export const DEMO_REFERENCE_TIME = Date.UTC(2025, 5, 1, 12, 0, 0);

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

export function formatWireDate(ms: number): WireDate {
  const d = new Date(ms);
  return (
    `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())} ` +
    `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}`
  );
}

/** `2012-06-19 12:50:46` → `20120619_125046`, the stamp StageBloc puts in media file names. */
export function fileStamp(date: WireDate): string {
  return `${date.slice(0, 4)}${date.slice(5, 7)}${date.slice(8, 10)}_${date.slice(11, 13)}${date.slice(14, 16)}${date.slice(17, 19)}`;
}
