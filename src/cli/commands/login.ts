import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { connectUrl, exchangeCode } from '../../client/index.js';
import { StageBlocApiError, StageBlocAuthError } from '../../client/errors.js';
import { integerFlag, parseCommandArgs } from '../args.js';
import { DEFAULT_ENV_FILE, lookupEnv } from '../api-settings.js';
import { CALLBACK_PATH, DEFAULT_CALLBACK_PORT, startCallbackServer, type CallbackOutcome } from '../callback-server.js';
import { type CliIO, type Command, writeJson, writeLine } from '../context.js';
import { setEnvVar } from '../env-file.js';
import { AuthFailure, EXIT, EXIT_CODES_HELP, UsageError } from '../exit-codes.js';
import { maskToken } from '../mask.js';
import { openInBrowser } from '../open-browser.js';

const DEFAULT_CONNECT_URL = 'https://stagebloc.com/connect/';
const DEFAULT_WAIT_SECONDS = 300;
const TOKEN_VAR = 'STAGEBLOC_ACCESS_TOKEN';

const OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  json: { type: 'boolean' },
  'client-id': { type: 'string' },
  'client-secret': { type: 'string' },
  port: { type: 'string' },
  code: { type: 'string' },
  'redirect-uri': { type: 'string' },
  'connect-url': { type: 'string' },
  'api-url': { type: 'string' },
  scope: { type: 'string' },
  open: { type: 'boolean', default: true },
  dotenv: { type: 'string' },
  wait: { type: 'string' },
} as const;

const HELP = `Usage: stagebloc login --client-id <id> --client-secret <secret> [options]

Connects a StageBloc account to your app (OAuth 2.0 authorization code) and
writes the access token to .env as ${TOKEN_VAR}.

It prints the connect URL (and opens it in your browser when one is available),
then waits on a loopback callback for StageBloc's redirect, checks the state
parameter, exchanges the code once and saves the token. The token is never
printed in full. Register this redirect URI for your app in StageBloc:

  http://127.0.0.1:${DEFAULT_CALLBACK_PORT}${CALLBACK_PATH}

Options:
  --client-id <id>          your app's client ID (env STAGEBLOC_CLIENT_ID)
  --client-secret <secret>  your app's client secret (env STAGEBLOC_CLIENT_SECRET)
  --port <n>                callback port (default ${DEFAULT_CALLBACK_PORT}; 0 picks a free one, which
                            only works if your app accepts any redirect URI)
  --code <code>             exchange a code you obtained by hand instead of waiting
                            for the callback
  --redirect-uri <uri>      redirect URI sent with --code (default the callback above)
  --connect-url <url>       connect page (default ${DEFAULT_CONNECT_URL})
  --api-url <url>           API base URL for the token exchange (env STAGEBLOC_API_URL)
  --scope <scope>           requested scope (default non-expiring)
  --no-open                 print the URL but do not open a browser
  --wait <seconds>          how long to wait for the callback (default ${DEFAULT_WAIT_SECONDS})
  --dotenv <path>           dotenv file to write (default ${DEFAULT_ENV_FILE}; created with mode 600,
                            other lines kept, an existing ${TOKEN_VAR} replaced)
  --json                    print the result as JSON (token masked)
  -h, --help                show this help

${EXIT_CODES_HELP}`;

export const loginCommand: Command = {
  name: 'login',
  summary: 'get an access token with the authorization-code flow and save it to .env',
  async run(argv, io) {
    const { values, help } = parseCommandArgs('login', argv, OPTIONS, { min: 0, max: 0, names: '' });
    if (help) {
      writeLine(io.stdout, HELP);
      return EXIT.ok;
    }
    const env = await lookupEnv(values, io);
    const clientId = values['client-id'] ?? env('STAGEBLOC_CLIENT_ID');
    const clientSecret = values['client-secret'] ?? env('STAGEBLOC_CLIENT_SECRET');
    if (!clientId) throw new UsageError('login needs --client-id (or STAGEBLOC_CLIENT_ID).');
    if (!clientSecret) throw new UsageError('login needs --client-secret (or STAGEBLOC_CLIENT_SECRET).');
    const port = integerFlag('port', values.port) ?? DEFAULT_CALLBACK_PORT;
    if (port < 0 || port > 65535) throw new UsageError(`--port must be between 0 and 65535, got ${port}.`);
    const waitSeconds = integerFlag('wait', values.wait) ?? DEFAULT_WAIT_SECONDS;
    const baseUrl = values['api-url'] ?? env('STAGEBLOC_API_URL');
    const exchange = (code: string, redirectUri: string) =>
      exchangeCode({ clientId, clientSecret, code, redirectUri, ...(baseUrl ? { baseUrl } : {}) });

    const result =
      values.code !== undefined
        ? await exchangeOrExplain(() =>
            exchange(
              values.code!,
              values['redirect-uri'] ?? `http://127.0.0.1:${DEFAULT_CALLBACK_PORT}${CALLBACK_PATH}`,
            ),
          )
        : await browserFlow(io, {
            clientId,
            port,
            waitSeconds,
            connectBase: values['connect-url'] ?? DEFAULT_CONNECT_URL,
            scope: values.scope,
            open: values.open !== false,
            exchange,
          });

    const envFile = resolve(io.cwd, values.dotenv ?? DEFAULT_ENV_FILE);
    await setEnvVar(envFile, TOKEN_VAR, result.accessToken);
    const summary = { envFile, variable: TOKEN_VAR, token: maskToken(result.accessToken), scope: result.scope ?? null };
    if (values.json) writeJson(io.stdout, summary);
    else
      writeLine(
        io.stdout,
        `Logged in. Token ${summary.token} (scope ${summary.scope ?? 'unknown'}) saved as ${TOKEN_VAR} in ${envFile} (mode 600).`,
      );
    return EXIT.ok;
  },
};

interface TokenResult {
  accessToken: string;
  scope?: string | null | undefined;
}

async function browserFlow(
  io: CliIO,
  options: {
    clientId: string;
    port: number;
    waitSeconds: number;
    connectBase: string;
    scope: string | undefined;
    open: boolean;
    exchange: (code: string, redirectUri: string) => Promise<TokenResult>;
  },
): Promise<TokenResult> {
  // 128 bits from the CSPRNG: the only thing tying the redirect to this terminal.
  const state = randomBytes(16).toString('base64url');
  const server = await startCallbackServer({
    port: options.port,
    expectedState: state,
    onRefused: (reason) => writeLine(io.stderr, `warning: ${reason}.`),
  }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'EADDRINUSE') {
      throw new Error(
        `Port ${options.port} is in use, so the login callback cannot listen. Free it, or pass --port ` +
          '(the redirect URI registered for your app must use the same port).',
      );
    }
    throw error;
  });
  let timer: NodeJS.Timeout | undefined;
  try {
    const url = connectUrl({
      clientId: options.clientId,
      redirectUri: server.redirectUri,
      state,
      connectBase: options.connectBase,
      ...(options.scope ? { scope: options.scope } : {}),
    });
    writeLine(io.stderr, 'Open this URL in a browser and allow access:');
    writeLine(io.stderr, `  ${url}`);
    if (options.open && openInBrowser(url, io.env)) writeLine(io.stderr, '(opened in your browser)');
    writeLine(io.stderr, `Waiting for StageBloc to redirect to ${server.redirectUri} …`);

    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new AuthFailure(`No callback within ${options.waitSeconds} s. Run \`stagebloc login\` again.`)),
        options.waitSeconds * 1000,
      );
    });
    const pending = await Promise.race([server.callback, timeout]);
    const { outcome } = pending;
    if (outcome.kind === 'error') {
      pending.respond(403, 'Not connected', 'StageBloc did not grant access. You can close this tab.');
      throw deniedError(outcome);
    }
    try {
      const result = await exchangeOrExplain(() => options.exchange(outcome.code, server.redirectUri));
      pending.respond(200, 'Connected', 'stagebloc has its token. You can close this tab and return to the terminal.');
      return result;
    } catch (error) {
      pending.respond(502, 'Login failed', 'The code could not be exchanged for a token; the terminal says why.');
      throw error;
    }
  } finally {
    clearTimeout(timer);
    await server.close();
  }
}

function deniedError(outcome: Extract<CallbackOutcome, { kind: 'error' }>): AuthFailure {
  if (outcome.error === 'access_denied') {
    return new AuthFailure(
      'Access was denied on the StageBloc connect page; no token was issued. Run `stagebloc login` again to retry.',
    );
  }
  const detail = outcome.description ? `: ${outcome.description}` : '';
  return new AuthFailure(`StageBloc redirected back with error "${outcome.error}"${detail}; no token was issued.`);
}

/** Codes are single-use, so the exchange is attempted once and its failure explained, never retried. */
async function exchangeOrExplain(exchange: () => Promise<TokenResult>): Promise<TokenResult> {
  try {
    return await exchange();
  } catch (error) {
    throw explainExchangeFailure(error);
  }
}

function explainExchangeFailure(error: unknown): unknown {
  if (!(error instanceof StageBlocApiError || error instanceof StageBlocAuthError)) return error;
  const said = error instanceof StageBlocApiError ? error.apiMessage : error.message;
  if (/redirect_uri/i.test(said)) {
    return new AuthFailure(
      `StageBloc refused the code (${said}). With --code, pass the --redirect-uri that the connect URL used.`,
    );
  }
  if (/invalid_client|secret/i.test(said) || error.status === 401) {
    return new AuthFailure(
      `StageBloc refused the client credentials (${said}). Check --client-id and --client-secret.`,
    );
  }
  if (/invalid_grant|code|expired/i.test(said)) {
    return new AuthFailure(
      `StageBloc refused the authorization code (${said}): it has expired or was already used. ` +
        'Run `stagebloc login` again for a fresh one.',
    );
  }
  return new AuthFailure(`The token exchange failed: ${said}`);
}
