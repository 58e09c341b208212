/**
 * What the CLI may show of a token: enough to tell two tokens apart, never
 * enough to use one. Short tokens are hidden entirely.
 */
export function maskToken(token: string): string {
  return token.length >= 16 ? `${token.slice(0, 4)}…` : '…';
}
