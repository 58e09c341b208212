/** Counts as the components print them: `1 track`, `10 tracks`, `0 photos`. */
export function countOf(count: number, singular: string, plural = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : plural}`;
}
