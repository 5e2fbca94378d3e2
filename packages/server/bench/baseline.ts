// The yardstick: bare node:http answering each benchmarked request with the bytes Switchboard sent for it.
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface CannedResponse {
  status: number;
  contentType: string;
  body: string;
}

// The responses arrive in a file: a page of calls is larger than a command line may be.
const responses = new Map<string, CannedResponse>(Object.entries(JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as Record<string, CannedResponse>));

const server = http.createServer((req, res) => {
  const canned = responses.get(`${req.method} ${req.url}`);
  req.on('data', () => {});
  req.on('end', () => {
    if (!canned) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(canned.status, { 'content-type': canned.contentType, 'content-length': Buffer.byteLength(canned.body) });
    res.end(canned.body);
  });
});
server.listen(0, '127.0.0.1', () => process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` })}\n`));
