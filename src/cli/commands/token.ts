import { resolve } from 'node:path';
import { clientCredentials } from '../../client/index.js';
import { parseCommandArgs } from '../args.js';
import { DEFAULT_ENV_FILE, lookupEnv } from '../api-settings.js';
import { type Command, writeJson, writeLine } from '../context.js';
import { setEnvVar } from '../env-file.js';
import { EXIT, EXIT_CODES_HELP, UsageError } from '../exit-codes.js';
import { maskToken } from '../mask.js';

const OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  json: { type: 'boolean' },
  'client-credentials': { type: 'boolean' },
  'token-url': { type: 'string' },
  'client-id': { type: 'string' },
  'client-secret': { type: 'string' },
  username: { type: 'string' },
  scope: { type: 'string' },
  'media-type': { type: 'string' },
  dotenv: { type: 'string' },
  variable: { type: 'string' },
} as const;

const HELP = `Usage: stagebloc token --client-credentials --token-url <url> --client-id <id> --client-secret <secret> [options]

Gets an access token with the OAuth 2.0 client-credentials grant (RFC 6749
section 4.4: HTTP Basic client authentication, JSON body with grant_type,
username and scope), for APIs that issue tokens that way, and saves it to .env.
The token is never printed in full. For a StageBloc account use \`stagebloc login\`.

Options:
  --client-credentials      use the client-credentials grant (required; the only grant here)
  --token-url <url>         token endpoint (env STAGEBLOC_TOKEN_URL)
  --client-id <id>          client ID (env STAGEBLOC_CLIENT_ID)
  --client-secret <secret>  client secret (env STAGEBLOC_CLIENT_SECRET)
  --username <name>         username sent with the grant, when the API wants one
  --scope <scope>           requested scope
  --media-type <type>       vendor media type for Accept/Content-Type
                            (e.g. application/vnd.akkroo-v1.1+json; default application/json)
  --variable <NAME>         variable to write (default STAGEBLOC_ACCESS_TOKEN)
  --dotenv <path>           dotenv file to write (default ${DEFAULT_ENV_FILE}; mode 600, other lines kept)
  --json                    print the result as JSON (token masked)
  -h, --help                show this help

${EXIT_CODES_HELP}`;

export const tokenCommand: Command = {
  name: 'token',
  summary: 'get a token with the client-credentials grant and save it to .env',
  async run(argv, io) {
    const { values, help } = parseCommandArgs('token', argv, OPTIONS, { min: 0, max: 0, names: '' });
    if (help) {
      writeLine(io.stdout, HELP);
      return EXIT.ok;
    }
    if (!values['client-credentials']) {
      throw new UsageError(
        'token needs a grant: --client-credentials (use `stagebloc login` for the authorization-code flow).',
      );
    }
    const env = await lookupEnv(values, io);
    const tokenUrl = values['token-url'] ?? env('STAGEBLOC_TOKEN_URL');
    const clientId = values['client-id'] ?? env('STAGEBLOC_CLIENT_ID');
    const clientSecret = values['client-secret'] ?? env('STAGEBLOC_CLIENT_SECRET');
    if (!tokenUrl) throw new UsageError('token needs --token-url (or STAGEBLOC_TOKEN_URL).');
    if (!clientId) throw new UsageError('token needs --client-id (or STAGEBLOC_CLIENT_ID).');
    if (!clientSecret) throw new UsageError('token needs --client-secret (or STAGEBLOC_CLIENT_SECRET).');
    const variable = values.variable ?? 'STAGEBLOC_ACCESS_TOKEN';
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(variable))
      throw new UsageError(`--variable must be a variable name, got "${variable}".`);

    const grant = clientCredentials({
      tokenUrl,
      clientId,
      clientSecret,
      ...(values.username !== undefined ? { username: values.username } : {}),
      ...(values.scope !== undefined ? { scope: values.scope } : {}),
      ...(values['media-type'] !== undefined ? { mediaType: values['media-type'] } : {}),
    });
    const accessToken = await grant.getToken();
    const envFile = resolve(io.cwd, values.dotenv ?? DEFAULT_ENV_FILE);
    await setEnvVar(envFile, variable, accessToken);
    const summary = { envFile, variable, token: maskToken(accessToken) };
    if (values.json) writeJson(io.stdout, summary);
    else writeLine(io.stdout, `Token ${summary.token} saved as ${variable} in ${envFile} (mode 600).`);
    return EXIT.ok;
  },
};
