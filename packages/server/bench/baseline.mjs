// The yardstick: bare node:http answering each benchmarked request with the bytes Switchboard sent for it
// (canned-responses.ts). Plain JavaScript run by node alone: through tsx, the compiler and its hooks
// added some 30 MiB to the process, and its RSS is a figure the bench compares.
import { readFileSync } from 'node:fs';
import http from 'node:http';

// The responses arrive in a file: a page of calls is larger than a command line may be.
const canned = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const responses = new Map(Object.entries(canned.responses));
for (const [request, sample] of Object.entries(canned.aliases)) responses.set(request, canned.responses[sample]);

const server = http.createServer((req, res) => {
  const answer = responses.get(`${req.method} ${req.url}`);
  req.on('data', () => {});
  req.on('end', () => {
    if (!answer) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(answer.status, { 'content-type': answer.contentType, 'content-length': Buffer.byteLength(answer.body) });
    res.end(answer.body);
  });
});
server.listen(0, '127.0.0.1', () => process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${server.address().port}` })}\n`));
