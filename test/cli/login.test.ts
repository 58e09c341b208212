import { chmod, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliTestbed, finish, runCli, startCli, waitForOutput } from './helpers/cli-process.js';

const bed = cliTestbed('stagebloc-login-');

const TOKEN_LINE = /^STAGEBLOC_ACCESS_TOKEN=(\S+)$/m;

function startLogin(extra: string[] = [], secret = bed.sim.clientSecret) {
  const child = startCli(
    [
      'login',
      '--client-id',
      bed.sim.clientId,
      '--client-secret',
      secret,
      '--port',
      '0',
      '--no-open',
      '--connect-url',
      `${bed.sim.origin}/connect`,
      '--api-url',
      bed.sim.apiUrl,
      ...extra,
    ],
    { cwd: bed.cwd },
  );
  const done = finish(child);
  const connect = waitForOutput(child.stderr, /^\s+(http:\/\/\S+\/connect\?\S+)$/m).then((m) => new URL(m[1]!));
  return { done, connect };
}

/** Plays the browser: opens the connect URL, follows StageBloc's redirect to the CLI's callback. */
async function actAsBrowser(connectUrl: URL): Promise<Response> {
  const consent = await fetch(connectUrl, { redirect: 'manual' });
  expect(consent.status).toBe(302);
  return fetch(consent.headers.get('location')!);
}

describe('stagebloc login', () => {
  it('runs the authorization-code flow and writes the token to .env with mode 600, never printing it', async () => {
    await writeFile(
      join(bed.cwd, '.env'),
      '# my site\nSITE_URL=https://juniper.example\nSTAGEBLOC_ACCESS_TOKEN=stale\n',
    );
    await chmod(join(bed.cwd, '.env'), 0o644);
    const { done, connect } = startLogin();
    const connectUrl = await connect;
    expect(connectUrl.searchParams.get('client_id')).toBe(bed.sim.clientId);
    expect(connectUrl.searchParams.get('response_type')).toBe('code');
    const state = connectUrl.searchParams.get('state')!;
    expect(state.length).toBeGreaterThanOrEqual(20);
    expect(connectUrl.searchParams.get('redirect_uri')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback$/);

    const page = await actAsBrowser(connectUrl);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Connected');
    const run = await done;
    expect(run.code, run.stderr).toBe(0);

    const envText = await readFile(join(bed.cwd, '.env'), 'utf8');
    expect((await stat(join(bed.cwd, '.env'))).mode & 0o777).toBe(0o600);
    expect(envText).toContain('# my site\nSITE_URL=https://juniper.example\n');
    const token = TOKEN_LINE.exec(envText)![1]!;
    expect(token).not.toBe('stale');
    expect(envText.match(/STAGEBLOC_ACCESS_TOKEN/g)).toHaveLength(1);

    // The token is real (the API accepts it) and appears nowhere in the output.
    const list = await fetch(`${bed.sim.apiUrl}audio/list.json?limit=1`, {
      headers: { authorization: `OAuth ${token}` },
    });
    expect(list.status).toBe(200);
    expect(run.stdout + run.stderr).not.toContain(token);
    expect(run.stdout).toContain(`${token.slice(0, 4)}…`);
    // Exchanged exactly once.
    expect(bed.sim.requests.filter((r) => r.endpoint === '/oauth2/token')).toHaveLength(1);
  });

  it('refuses a callback with a forged state and still completes with the real one', async () => {
    const { done, connect } = startLogin();
    const connectUrl = await connect;
    const redirect = new URL(connectUrl.searchParams.get('redirect_uri')!);
    redirect.searchParams.set('code', bed.sim.issueCode(redirect.toString()));
    redirect.searchParams.set('state', 'forged');
    expect((await fetch(redirect)).status).toBe(400);
    expect(bed.sim.requests.filter((r) => r.endpoint === '/oauth2/token')).toHaveLength(0);

    expect((await actAsBrowser(connectUrl)).status).toBe(200);
    const run = await done;
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/wrong state was refused/);
  });

  it('reports a denied connect clearly (exit 3) and writes nothing', async () => {
    const { done, connect } = startLogin();
    const connectUrl = await connect;
    connectUrl.searchParams.set('deny', '1');
    const page = await actAsBrowser(connectUrl);
    expect(page.status).toBe(403);
    const run = await done;
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/Access was denied on the StageBloc connect page/);
    await expect(stat(join(bed.cwd, '.env'))).rejects.toThrow();
    expect(bed.sim.requests.filter((r) => r.endpoint === '/oauth2/token')).toHaveLength(0);
  });

  it('reports a wrong client secret clearly (exit 3) without echoing the secret', async () => {
    const wrongSecret = 'definitely-not-the-secret-1234';
    const { done, connect } = startLogin([], wrongSecret);
    const page = await actAsBrowser(await connect);
    expect(page.status).toBe(502);
    const run = await done;
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/refused the client credentials.*Check --client-id and --client-secret/s);
    expect(run.stdout + run.stderr).not.toContain(wrongSecret);
    await expect(stat(join(bed.cwd, '.env'))).rejects.toThrow();
  });

  it('exchanges a code obtained by hand with --code, and explains an expired or used one', async () => {
    const redirectUri = 'http://127.0.0.1:8719/callback';
    const code = bed.sim.issueCode(redirectUri);
    const args = [
      'login',
      '--client-id',
      bed.sim.clientId,
      '--client-secret',
      bed.sim.clientSecret,
      '--api-url',
      bed.sim.apiUrl,
      '--code',
      code,
    ];
    const first = await runCli(args, { cwd: bed.cwd });
    expect(first.code, first.stderr).toBe(0);
    const token = TOKEN_LINE.exec(await readFile(join(bed.cwd, '.env'), 'utf8'))![1]!;
    expect(first.stdout + first.stderr).not.toContain(token);

    const again = await runCli(args, { cwd: bed.cwd });
    expect(again.code).toBe(3);
    expect(again.stderr).toMatch(/authorization code .*expired or was already used/);
    expect(again.stdout + again.stderr).not.toContain(code);
    // The failed run left the saved token alone.
    expect(TOKEN_LINE.exec(await readFile(join(bed.cwd, '.env'), 'utf8'))![1]).toBe(token);
  });

  it('fails with a usage error (exit 2) without the client id, before listening or sending', async () => {
    const run = await runCli(['login', '--client-secret', 'x', '--no-open'], { cwd: bed.cwd });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--client-id/);
    expect(bed.sim.requests).toHaveLength(0);
  });
});
