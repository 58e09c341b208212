/** Small HTTP helpers shared by the API and media listeners. */
import type { IncomingMessage } from 'node:http';
import { ApiError } from './api-error.js';

/** A complete response, built before any byte is written (so faults can reshape it). */
export interface PreparedResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

export function prepared(
  status: number,
  contentType: string,
  body: string | Buffer,
  headers: Record<string, string> = {},
): PreparedResponse {
  return {
    status,
    headers: { 'Content-Type': contentType, ...headers },
    body: typeof body === 'string' ? Buffer.from(body, 'utf8') : body,
  };
}

/** The whole request body, or a 413 ApiError once it passes `maxBytes`. */
export async function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes)
    throw new ApiError(413, `The request body is larger than ${maxBytes} bytes.`);
  const chunks: Buffer[] = [];
  let size = 0;
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        req.off('data', onData);
        req.pause();
        reject(new ApiError(413, `The request body is larger than ${maxBytes} bytes.`));
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () => resolve(Buffer.concat(chunks)));
    req.once('error', reject);
  });
}

/** Resolves after `ms`, or early (without error) when `signal` aborts. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  if (ms <= 0 || signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

/** Lower-case header map with array values joined, as the request log stores them. */
export function flatHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

export function queryRecord(params: URLSearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of params) out[key] = value;
  return out;
}
