// The cold-start yardstick: bare node:http, answering 200 once the port given as the argument is open
// (0: any free port). Its URL goes out as a JSON line once it listens, as the bench's other servers' do.
import http from 'node:http';

const server = http.createServer((req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{}'));
server.listen(Number(process.argv[2]), '127.0.0.1', () => process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${server.address().port}` })}\n`));
