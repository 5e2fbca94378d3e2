// The yardstick: bare node:http answering each benchmarked request with the bytes Switchboard sent for it.
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface CannedResponse {
  status: number;
  contentType: string;
  body: string;
}

/**
 * What the bare server answers, by `METHOD path`. A figure with thousands of different pages keeps a sample
 * of Switchboard's answers, and each of its other requests is answered with one of them (`aliases`): pages
 * of one size cost bare node:http the same whatever their content.
 */
export interface CannedResponses {
  responses: Record<string, CannedResponse>;
  aliases: Record<string, string>;
}

// The responses arrive in a file: a page of calls is larger than a command line may be.
const canned = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as CannedResponses;
const responses = new Map<string, CannedResponse>(Object.entries(canned.responses));
for (const [request, sample] of Object.entries(canned.aliases)) responses.set(request, canned.responses[sample]!);

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
