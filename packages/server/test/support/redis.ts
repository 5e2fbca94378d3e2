import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { createClient } from 'redis';

/** Redis for tests; each suite uses its own key prefix and deletes its keys afterwards. */
export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A fresh key prefix, after checking Redis answers: a test that needs Redis fails without it, never skips. */
export async function redisPrefixForSuite(): Promise<{ prefix: string; clean: () => Promise<void> }> {
  const client = createClient({ url: REDIS_URL, socket: { reconnectStrategy: false, connectTimeout: 2000 } });
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (error) {
    throw new Error(`Redis is needed for this test and is not reachable at ${REDIS_URL} (${(error as Error).message}). Start redis-server, or set TEST_REDIS_URL.`);
  }
  const prefix = `switchboard-test-${randomBytes(6).toString('hex')}:`;
  return {
    prefix,
    async clean() {
      for await (const keys of client.scanIterator({ MATCH: `${prefix}*`, COUNT: 500 })) if (keys.length > 0) await client.del(keys);
      await client.close();
    },
  };
}

export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });

/** A Redis of the test's own on `port`, so the test can stop it (kill -9) and start it again. */
export async function startOwnRedis(port: number): Promise<ChildProcess> {
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'pipe'] });
  await new Promise<void>((resolve, reject) => {
    let out = '';
    child.once('error', (error) => reject(new Error(`redis-server could not start (${error.message}): install it (apt-get install redis-server).`)));
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('Ready to accept connections')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`redis-server exited with code ${code}: ${out}`)));
  });
  return child;
}
