import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Documented as the redirect URI to register for the app: http://127.0.0.1:8719/callback */
export const DEFAULT_CALLBACK_PORT = 8719;
export const CALLBACK_PATH = '/callback';
const LOOPBACK_HOST = '127.0.0.1';

export type CallbackOutcome =
  | { kind: 'code'; code: string }
  | { kind: 'error'; error: string; description: string | undefined };

export interface PendingCallback {
  outcome: CallbackOutcome;
  /** Answers the browser once the caller knows how the login ended. */
  respond(status: number, title: string, message: string): void;
}

export interface CallbackServer {
  redirectUri: string;
  /** The first request that carries the expected state; later ones are refused. */
  callback: Promise<PendingCallback>;
  close(): Promise<void>;
}

/**
 * The loopback end of the authorization-code flow. It only speaks HTTP: it
 * refuses requests whose `state` is not the one we generated (a stale tab or a
 * forged redirect), hands the first valid one to the caller, and answers any
 * later ones with 409 so a code is never exchanged twice.
 */
export async function startCallbackServer(options: {
  port: number;
  expectedState: string;
  onRefused?: (reason: string) => void;
}): Promise<CallbackServer> {
  let accept!: (pending: PendingCallback) => void;
  const callback = new Promise<PendingCallback>((resolve) => (accept = resolve));
  let claimed = false;

  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', `http://${LOOPBACK_HOST}`);
    if (request.method !== 'GET' || url.pathname !== CALLBACK_PATH) {
      sendPage(response, 404, 'Not found', 'This is the stagebloc login callback; nothing else lives here.');
      return;
    }
    if (url.searchParams.get('state') !== options.expectedState) {
      options.onRefused?.('a callback with a missing or wrong state was refused');
      sendPage(
        response,
        400,
        'Login not accepted',
        'The state parameter does not match this login attempt. Start again from the terminal.',
      );
      return;
    }
    if (claimed) {
      sendPage(
        response,
        409,
        'Already handled',
        'This login has already been completed or is in progress; check the terminal.',
      );
      return;
    }
    claimed = true;
    const error = url.searchParams.get('error');
    const code = url.searchParams.get('code');
    const outcome: CallbackOutcome =
      error !== null || code === null || code === ''
        ? {
            kind: 'error',
            error: error ?? 'missing_code',
            description: url.searchParams.get('error_description') ?? undefined,
          }
        : { kind: 'code', code };
    accept({ outcome, respond: (status, title, message) => sendPage(response, status, title, message) });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, LOOPBACK_HOST, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;

  return {
    redirectUri: `http://${LOOPBACK_HOST}:${port}${CALLBACK_PATH}`,
    callback,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function sendPage(response: ServerResponse, status: number, title: string, message: string): void {
  const body =
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>` +
    `<body><h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p></body></html>`;
  response.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'referrer-policy': 'no-referrer',
  });
  response.end(body);
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
