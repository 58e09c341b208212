import { describe, expect, it } from 'vitest';
import { startCallbackServer } from '../../src/cli/callback-server.js';

describe('login callback server', () => {
  it('refuses a wrong state, hands over the first valid code once, then answers 409', async () => {
    const refused: string[] = [];
    const server = await startCallbackServer({
      port: 0,
      expectedState: 's3cret-state',
      onRefused: (r) => refused.push(r),
    });
    try {
      expect(server.redirectUri).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback$/);
      const forged = await fetch(`${server.redirectUri}?code=evil&state=other`);
      expect(forged.status).toBe(400);
      expect(refused).toHaveLength(1);
      const missingState = await fetch(`${server.redirectUri}?code=evil`);
      expect(missingState.status).toBe(400);

      const first = fetch(`${server.redirectUri}?code=good-code&state=s3cret-state`);
      const pending = await server.callback;
      expect(pending.outcome).toEqual({ kind: 'code', code: 'good-code' });
      const again = await fetch(`${server.redirectUri}?code=good-code&state=s3cret-state`);
      expect(again.status).toBe(409);
      pending.respond(200, 'Connected', 'done <ok>');
      const response = await first;
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('done &#60;ok&#62;');
    } finally {
      await server.close();
    }
  });

  it('reports an error redirect such as access_denied', async () => {
    const server = await startCallbackServer({ port: 0, expectedState: 'st' });
    try {
      const request = fetch(`${server.redirectUri}?error=access_denied&state=st`);
      const pending = await server.callback;
      expect(pending.outcome).toEqual({ kind: 'error', error: 'access_denied', description: undefined });
      pending.respond(403, 'Not connected', 'denied');
      expect((await request).status).toBe(403);
    } finally {
      await server.close();
    }
  });

  it('answers 404 off the callback path', async () => {
    const server = await startCallbackServer({ port: 0, expectedState: 'st' });
    try {
      const origin = new URL(server.redirectUri).origin;
      expect((await fetch(`${origin}/favicon.ico`)).status).toBe(404);
    } finally {
      await server.close();
    }
  });
});
