/**
 * The HTTP client loads only the parts of undici a request needs (src/http/request.ts
 * loadUndici), not its index: checked in a fresh process, since any other test may have
 * loaded the index into this one. The index stays the fallback for another layout of undici,
 * which would otherwise hide here as a slower start.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const REQUEST_MODULE = new URL('../../dist/http/request.js', import.meta.url).href;

const SCRIPT = `
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
const { httpRequest, readText } = await import(${JSON.stringify(REQUEST_MODULE)});
const server = createServer((req, res) => res.end('fine')).listen(0, '127.0.0.1');
await new Promise((resolve) => server.once('listening', resolve));
const response = await httpRequest(new URL('http://127.0.0.1:' + server.address().port + '/'), {});
const text = await readText(response);
const loaded = Object.keys(createRequire(import.meta.url).cache).filter((path) => path.includes('undici'));
console.log(JSON.stringify({ status: response.statusCode, text, index: loaded.some((path) => /undici[\\\\/]index\\.js$/.test(path)), files: loaded.length }));
server.close();
`;

describe('undici', () => {
  it('a request loads undici’s dispatcher and interceptors, not its index', async () => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', SCRIPT], {
      cwd: fileURLToPath(new URL('../../', import.meta.url)),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.stderr.on('data', (chunk) => (err += chunk));
    const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
    expect(code, err).toBe(0);
    const result = JSON.parse(out.trim().split('\n').at(-1)!) as {
      status: number;
      text: string;
      index: boolean;
      files: number;
    };
    expect(result).toMatchObject({ status: 200, text: 'fine', index: false });
    expect(result.files).toBeGreaterThan(0);
  });
});
