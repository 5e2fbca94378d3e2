import type { CaFiles } from './ca-files.ts';

export interface EnvInput {
  port: number;
  ca: CaFiles;
  account?: { sid: string; authToken: string };
}

/** Loopback stays direct, so the webhooks Switchboard sends to the app, and the app's own local calls, skip the proxy. */
export const NO_PROXY = 'localhost,127.0.0.1,::1';

/**
 * The variables that point unchanged clients at Switchboard. Both spellings of the proxy variables,
 * because tools disagree (curl reads only lowercase `http_proxy`; twilio-node only `HTTP_PROXY`).
 * `NODE_USE_ENV_PROXY` makes Node 24's own fetch and https honour them (Node 20 ignores it).
 * `PYTHONPATH` adds the folder whose sitecustomize makes old twilio-python read `REQUESTS_CA_BUNDLE`.
 */
export function envVariables({ port, ca, account }: EnvInput): [string, string][] {
  const proxy = `http://127.0.0.1:${port}`;
  const vars: [string, string][] = [
    ['HTTP_PROXY', proxy], ['HTTPS_PROXY', proxy], ['NO_PROXY', NO_PROXY],
    ['http_proxy', proxy], ['https_proxy', proxy], ['no_proxy', NO_PROXY],
    ['NODE_USE_ENV_PROXY', '1'],
    ['NODE_EXTRA_CA_CERTS', ca.cert],
    ['REQUESTS_CA_BUNDLE', ca.bundle], ['SSL_CERT_FILE', ca.bundle], ['CURL_CA_BUNDLE', ca.bundle],
    ['PYTHONPATH', ca.pythonDir],
  ];
  if (account) vars.push(['TWILIO_ACCOUNT_SID', account.sid], ['TWILIO_AUTH_TOKEN', account.authToken]);
  return vars;
}

/** POSIX shell `export` lines; values single-quoted so any path survives `eval`. */
export function exportLines(input: EnvInput): string[] {
  const quote = (value: string) => `'${value.replaceAll("'", `'\\''`)}'`;
  return [
    `# Switchboard on 127.0.0.1:${input.port} answers api.twilio.com; other hosts pass through untouched.`,
    // A region or edge sends twilio-node and twilio-python to a host Switchboard does not answer.
    'unset TWILIO_REGION TWILIO_EDGE',
    ...envVariables(input).map(([name, value]) =>
      // A search path keeps what the shell already had, after Switchboard's folder.
      name === 'PYTHONPATH' ? `export ${name}=${quote(value)}\${${name}:+:"$${name}"}` : `export ${name}=${quote(value)}`,
    ),
  ];
}
