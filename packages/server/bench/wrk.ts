// wrk, a native load generator, driven through a Lua script that cycles through the given requests
// and reports its figures as JSON.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';

export interface WrkRequest {
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  body?: string;
}

export interface WrkResult {
  requests: number;
  rps: number;
  p50Ms: number;
  p99Ms: number;
  /** Answers outside 2xx/3xx. */
  badStatus: number;
  /** Socket errors and requests unanswered within the timeout. */
  socketErrors: number;
}

const WRK = '/usr/bin/wrk';

/**
 * Each connection's first request waits this long, so that every connection is open and accepted before
 * the load starts. Node (libuv) accepts one connection per turn of its event loop: against a server
 * already saturated by the first connections, the fiftieth waits some fifty turns, over a second, and
 * those first requests alone would make up wrk's p99. Clients on keep-alive connections pay that once,
 * not once per request; no request runs in this window, and it is left out of the rate.
 */
const OPEN_CONNECTIONS_MS = 100;

/** Debian's wrk, installed with apt-get when missing. */
export function ensureWrk(): void {
  if (existsSync(WRK)) return;
  console.log('wrk is missing: installing it from Debian (apt-get install wrk)…');
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
  execFileSync('apt-get', ['install', '-y', '-qq', 'wrk'], { stdio: 'inherit' });
}

const lua = (s: string): string => JSON.stringify(s); // a JSON string is a valid Lua string literal for our ASCII text

function script(requests: readonly WrkRequest[], connections: number, openConnectionsMs: number): string {
  const entries = requests.map((r) => {
    const headers = Object.entries(r.headers).map(([k, v]) => `[${lua(k)}] = ${lua(v)}`).join(', ');
    return `  { ${lua(r.method)}, ${lua(r.path)}, { ${headers} }, ${r.body === undefined ? 'nil' : lua(r.body)} },`;
  });
  // Formatted in init, once wrk has set the Host header: without it, HTTP/1.1 servers answer 400.
  return `local specs = {
${entries.join('\n')}
}
local requests = {}
init = function(args)
  for i, s in ipairs(specs) do
    s[3]["Host"] = wrk.headers["Host"]
    requests[i] = wrk.format(s[1], s[2], s[3], s[4])
  end
end
local n = 0
request = function()
  n = n % #requests + 1
  return requests[n]
end
local opened = 0
delay = function()
  if opened < ${connections} then
    opened = opened + 1
    return ${openConnectionsMs}
  end
  return 0
end
done = function(summary, latency, _)
  local e = summary.errors
  io.write(string.format('\\nWRK_JSON {"requests":%d,"micros":%d,"p50":%d,"p99":%d,"badStatus":%d,"socketErrors":%d}\\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    e.status, e.connect + e.read + e.write + e.timeout))
end
`;
}

/** One wrk run of `seconds` against `baseUrl`, cycling through `requests`. */
export function runWrk(
  baseUrl: string,
  requests: readonly WrkRequest[],
  options: { seconds: number; connections: number; scriptFile: string; openConnectionsMs?: number },
): Promise<WrkResult> {
  const { openConnectionsMs = OPEN_CONNECTIONS_MS } = options;
  writeFileSync(options.scriptFile, script(requests, options.connections, openConnectionsMs));
  // One wrk thread: on a 2-core machine the other core is the server's.
  const args = ['-t1', `-c${options.connections}`, `-d${options.seconds}s`, '--timeout', '10s', '-s', options.scriptFile, baseUrl];
  return new Promise((resolve, reject) => {
    const child = spawn(WRK, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk));
    child.once('error', reject);
    child.once('exit', (code) => {
      const line = out.split('\n').find((l) => l.startsWith('WRK_JSON '));
      if (code !== 0 || !line) return reject(new Error(`wrk exited with ${code}: ${out}`));
      const r = JSON.parse(line.slice('WRK_JSON '.length)) as { requests: number; micros: number; p50: number; p99: number; badStatus: number; socketErrors: number };
      resolve({ requests: r.requests, rps: r.requests / (r.micros / 1e6 - openConnectionsMs / 1000), p50Ms: r.p50 / 1000, p99Ms: r.p99 / 1000, badStatus: r.badStatus, socketErrors: r.socketErrors });
    });
  });
}
