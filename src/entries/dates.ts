/** Dates for `<time>` elements. Store round-trips may hand back strings, so accept both. */
export function toDate(value: Date | string | number | null | undefined): Date | undefined {
  if (value === null || value === undefined) return undefined;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** `2012-06-25` in UTC: the machine-readable day, stable whatever the build machine's zone. */
export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function humanDate(date: Date, locale = 'en-US'): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(date);
}
