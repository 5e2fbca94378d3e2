import { spawn } from 'node:child_process';

/** Debian's interpreter: `python3-twilio` installs twilio-python for it, not for other Pythons on PATH. */
const PYTHON = '/usr/bin/python3';

/** twilio-python pointed at Switchboard, as the README shows: a TwilioHttpClient that swaps the origin. */
const PRELUDE = `
import json, sys
from urllib.parse import urlsplit, urlunsplit
from twilio.http.http_client import TwilioHttpClient
from twilio.rest import Client

class SwitchboardHttpClient(TwilioHttpClient):
    def __init__(self, base, **kw):
        super().__init__(**kw)
        b = urlsplit(base); self._scheme, self._netloc = b.scheme, b.netloc
    def request(self, method, url, *args, **kwargs):
        u = urlsplit(url)
        return super().request(method, urlunsplit((self._scheme, self._netloc, u.path, u.query, u.fragment)), *args, **kwargs)

args = json.loads(sys.argv[1])
client = Client(args['username'], args['password'], account_sid=args.get('account_sid'), http_client=SwitchboardHttpClient(args['base']))
`;

/**
 * Runs `script` (Python, with `client` and `args` defined) and returns what it prints as JSON.
 * twilio-python missing is a failure, never a skip: CI installs it (`.ci/run`).
 */
export function runPython(script: string, args: Record<string, unknown>): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const env: NodeJS.ProcessEnv = { ...process.env, NO_PROXY: '127.0.0.1,localhost' };
    delete env.TWILIO_REGION;
    delete env.TWILIO_EDGE;
    const child = spawn(PYTHON, ['-c', PRELUDE + script, JSON.stringify(args)], { env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', (error) => reject(new Error(`${PYTHON} could not run (${error.message}); install Debian's python3-twilio.`)));
    child.on('close', (code) => {
      if (code !== 0) {
        const missing = stderr.includes("No module named 'twilio'") ? " Install Debian's python3-twilio (apt-get install python3-twilio)." : '';
        reject(new Error(`twilio-python exited with ${code}: ${stderr.trim()}${missing}`));
        return;
      }
      resolve(JSON.parse(stdout));
    });
  });
}
