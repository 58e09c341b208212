import { readFile, stat } from 'node:fs/promises';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliTestbed, finish, runCli, startCli, waitForOutput } from './helpers/cli-process.js';

const bed = cliTestbed('stagebloc-token-');

describe('stagebloc token --client-credentials', () => {
  const base = () => [
    'token',
    '--client-credentials',
    '--token-url',
    `${bed.sim.apiUrl}oauth2/token`,
    '--client-id',
    bed.sim.clientId,
  ];

  it('gets a token with HTTP Basic client auth and the vendor media type, and saves it masked', async () => {
    const mediaType = 'application/vnd.akkroo-v1.1+json';
    const run = await runCli(
      [
        ...base(),
        '--client-secret',
        bed.sim.clientSecret,
        '--username',
        'demo',
        '--scope',
        'PublicAPI',
        '--media-type',
        mediaType,
        '--json',
      ],
      { cwd: bed.cwd },
    );
    expect(run.code, run.stderr).toBe(0);
    const token = /^STAGEBLOC_ACCESS_TOKEN=(\S+)$/m.exec(await readFile(join(bed.cwd, '.env'), 'utf8'))![1]!;
    expect((await stat(join(bed.cwd, '.env'))).mode & 0o777).toBe(0o600);
    expect(JSON.parse(run.stdout)).toMatchObject({
      variable: 'STAGEBLOC_ACCESS_TOKEN',
      token: `${token.slice(0, 4)}…`,
    });
    expect(run.stdout + run.stderr).not.toContain(token);
    const request = bed.sim.requests.find((r) => r.endpoint === '/oauth2/token')!;
    expect(request.headers['authorization']).toMatch(/^Basic /);
    expect(request.headers['content-type']).toBe(mediaType);
    // The API accepts the token.
    const list = await fetch(`${bed.sim.apiUrl}blog/list.json?limit=1`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(list.status).toBe(200);
  });

  it('exits 3 on a wrong secret and 2 without the grant flag', async () => {
    const wrong = await runCli([...base(), '--client-secret', 'wrong-secret-value'], { cwd: bed.cwd });
    expect(wrong.code).toBe(3);
    expect(wrong.stderr).toMatch(/wrong client secret|invalid_client/);
    expect(wrong.stderr).not.toContain('wrong-secret-value');
    const noGrant = await runCli(['token', '--token-url', `${bed.sim.apiUrl}oauth2/token`], { cwd: bed.cwd });
    expect(noGrant.code).toBe(2);
  });
});

describe('stagebloc login, callback port', () => {
  it('explains a callback port that is already taken (exit 1)', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as AddressInfo;
    try {
      const run = await runCli(
        ['login', '--client-id', 'a', '--client-secret', 'b', '--port', String(port), '--no-open'],
        { cwd: bed.cwd },
      );
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(new RegExp(`Port ${port} is in use`));
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });
});

describe('stagebloc simulator', () => {
  it('starts the bundled simulator, prints its URL and a demo token, and stops on SIGINT', async () => {
    const child = startCli(['simulator', '--port', '0', '--scale', '1', '--latency', '0', '--quiet'], { cwd: bed.cwd });
    const done = finish(child);
    const [, apiUrl, token] = await waitForOutput(
      child.stdout,
      /STAGEBLOC_API_URL=(\S+)\nSTAGEBLOC_ACCESS_TOKEN=(\S+)\n/,
    );
    const response = await fetch(`${apiUrl}audio/list.json?limit=2`, { headers: { authorization: `OAuth ${token}` } });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { response: { items: unknown[] } }).response.items).toHaveLength(2);
    child.kill('SIGINT');
    const run = await done;
    expect(run.code).toBe(0);
  });

  it('delays media by --media-latency and API answers by --latency', async () => {
    const child = startCli(['simulator', '--port', '0', '--latency', '100', '--media-latency', '700', '--quiet'], {
      cwd: bed.cwd,
    });
    const done = finish(child);
    try {
      const [, apiUrl, token] = await waitForOutput(
        child.stdout,
        /STAGEBLOC_API_URL=(\S+)\nSTAGEBLOC_ACCESS_TOKEN=(\S+)\n/,
      );
      const api = () => fetch(`${apiUrl}photos/list.json?limit=1`, { headers: { authorization: `OAuth ${token}` } });
      const body = (await (await api()).json()) as {
        response: { items: Array<{ item: { images: Array<{ image: { embed_url: string } }> } }> };
      };
      const imageUrl = body.response.items[0]!.item.images[0]!.image.embed_url;
      // Sent together, the one held longer answers last (ordered, not timed).
      const order: string[] = [];
      await Promise.all([
        fetch(imageUrl).then(async (image) => {
          expect(image.status).toBe(200);
          await image.arrayBuffer();
          order.push('media');
        }),
        api().then(async (list) => {
          await list.arrayBuffer();
          order.push('api');
        }),
      ]);
      expect(order).toEqual(['api', 'media']);
    } finally {
      child.kill('SIGINT');
      await done;
    }
  });

  it.each([
    [['--port', 'abc'], /--port must be a number, got "abc"/],
    [['--latency=-5'], /latency.*non-negative/i],
    [['--media-latency', 'soon'], /--media-latency must be a number/],
    [['--fault', 'meteor'], /--fault meteor: unknown fault kind "meteor"/],
  ])('exits 2 with a clear message for %j', async (args, message) => {
    const run = await runCli(['simulator', ...args, '--quiet'], { cwd: bed.cwd });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
  });
});
