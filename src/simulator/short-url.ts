/** StageBloc short links look like `http://stgb.lc/a/6n`: a type prefix and a base-62 id. */
const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';

export function base62(n: number): string {
  let rest = Math.trunc(n);
  if (rest <= 0) return '0';
  let out = '';
  while (rest > 0) {
    out = ALPHABET[rest % 62] + out;
    rest = Math.floor(rest / 62);
  }
  return out;
}

export type ShortUrlKind = 'a' | 'ap' | 'b' | 'e' | 'p' | 'pa' | 's' | 'v';

export function shortUrl(kind: ShortUrlKind, id: number, suffix?: string): string {
  return `http://stgb.lc/${kind}/${base62(id)}${suffix ? `/${suffix}` : ''}`;
}
