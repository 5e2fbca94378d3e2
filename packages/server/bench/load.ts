// A closed-loop HTTP load generator, run in its own process so it does not share a core with the server.
import http from 'node:http';

export interface LoadSpec {
  url: string;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
  connections: number;
  warmupMs: number;
  durationMs: number;
}

export interface LoadResult {
  requests: number;
  rps: number;
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
}

async function run(spec: LoadSpec): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: spec.connections });
  const latencies: number[] = [];
  let non2xx = 0;
  let measuring = false;
  let stopped = false;
  const once = () =>
    new Promise<void>((resolve, reject) => {
      const started = process.hrtime.bigint();
      const req = http.request(spec.url, { method: spec.method, headers: spec.headers, agent }, (res) => {
        res.on('data', () => {});
        res.on('end', () => {
          if (measuring) {
            latencies.push(Number(process.hrtime.bigint() - started) / 1e6);
            if (res.statusCode! < 200 || res.statusCode! >= 300) non2xx++;
          }
          resolve();
        });
      });
      req.on('error', reject);
      req.end(spec.body);
    });
  const loops = Array.from({ length: spec.connections }, async () => {
    while (!stopped) await once();
  });
  await new Promise((r) => setTimeout(r, spec.warmupMs));
  measuring = true;
  const began = Date.now();
  await new Promise((r) => setTimeout(r, spec.durationMs));
  measuring = false;
  const elapsed = (Date.now() - began) / 1000;
  stopped = true;
  await Promise.all(loops);
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  return { requests: latencies.length, rps: latencies.length / elapsed, p50Ms: at(0.5), p99Ms: at(0.99), non2xx };
}

if (process.argv[2]) {
  const result = await run(JSON.parse(process.argv[2]) as LoadSpec);
  process.stdout.write(JSON.stringify(result));
}
