import { describe, expect, it } from 'vitest';
import { REDACTED, redact, redactError } from '../../src/client/redact.js';
import { StageBlocApiError, StageBlocNetworkError } from '../../src/client/errors.js';

const TOKEN = 'CANARY-TOKEN-7f3e9a1c5b2d';

describe('redact', () => {
  it.each([
    ['Authorization: OAuth abc123def456', 'Authorization: [REDACTED]'],
    ['authorization: Bearer xyz', 'authorization: [REDACTED]'],
    [
      '{"authorization":"OAuth s3cr3t-value","accept":"application/json"}',
      '{"authorization":"[REDACTED]","accept":"application/json"}',
    ],
    ['Proxy-Authorization: Basic dXNlcjpwYXNz', 'Proxy-Authorization: [REDACTED]'],
    ['sent Bearer 9f8e7d6c5b4a3210 to the server', 'sent Bearer [REDACTED] to the server'],
    ['header Basic dXNlcjpwYXNzd29yZA==', 'header Basic [REDACTED]'],
    [
      'GET /2.0/audio/list.json?access_token=abc123&limit=2',
      'GET /2.0/audio/list.json?access_token=[REDACTED]&limit=2',
    ],
    ['https://x.test/cb?state=s1&code=XYZ987', 'https://x.test/cb?state=s1&code=[REDACTED]'],
    [
      'client_id=app&client_secret=shh-its-secret&grant_type=authorization_code',
      'client_id=app&client_secret=[REDACTED]&grant_type=authorization_code',
    ],
    ['{"access_token":"tok-1234","scope":"non-expiring"}', '{"access_token":"[REDACTED]","scope":"non-expiring"}'],
    ['{"client_secret": "a \\"quoted\\" secret"}', '{"client_secret": "[REDACTED]"}'],
  ])('%s', (input, expected) => {
    expect(redact(input)).toBe(expected);
  });

  it('leaves ordinary text alone', () => {
    const text =
      'StageBloc API error on /audio/list (HTTP 404): No audio with an id of 12; error_code=7 zipcode=53103; ' +
      'Basic authentication failed; OAuth connect page; {"code":"API_ERROR"}';
    expect(redact(text)).toBe(text);
  });

  it('replaces registered secrets verbatim, URL-encoded and base64-encoded', () => {
    const secret = 'p@ss word/+=';
    const text = `raw ${secret} url ${encodeURIComponent(secret)} form ${new URLSearchParams({ s: secret }).toString().slice(2)} b64 ${Buffer.from(secret).toString('base64')}`;
    const out = redact(text, [secret]);
    expect(out).toBe(`raw ${REDACTED} url ${REDACTED} form ${REDACTED} b64 ${REDACTED}`);
  });

  it('replaces the longer of two overlapping secrets whole', () => {
    expect(redact('abcdefgh', ['abcd', 'abcdefgh'])).toBe(REDACTED);
  });

  it('ignores secrets too short to be safely replaced', () => {
    expect(redact('a cat sat', ['a'])).toBe('a cat sat');
  });
});

describe('redactError', () => {
  it('scrubs message, stack, string fields and the cause chain', () => {
    const inner = new Error(`socket hang up while sending Authorization: OAuth ${TOKEN}`);
    const error = new StageBlocNetworkError(`failed with ${TOKEN}`, '/audio/list', 2, { cause: inner });
    const api = new StageBlocApiError(`Invalid token ${TOKEN}`, '/audio/list', 400);
    for (const e of [redactError(error, [TOKEN]), redactError(api, [TOKEN])]) {
      const everything = [
        e.message,
        e.stack,
        JSON.stringify(e),
        String(e.cause),
        (e.cause as Error | undefined)?.stack,
      ].join('\n');
      expect(everything).not.toContain(TOKEN);
    }
    expect(api.apiMessage).toBe(`Invalid token ${REDACTED}`);
    expect(error.attempts).toBe(2);
    expect(error).toBeInstanceOf(StageBlocNetworkError);
  });

  it('turns a non-Error cause into its redacted string', () => {
    const error = new Error('outer', { cause: { header: `OAuth ${TOKEN}` } });
    redactError(error, [TOKEN]);
    expect(String(error.cause)).not.toContain(TOKEN);
  });

  it('passes non-errors through', () => {
    expect(redactError('plain', [TOKEN])).toBe('plain');
  });
});
