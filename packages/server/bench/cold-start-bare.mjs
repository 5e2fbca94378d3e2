// The cold-start yardstick: bare node:http, answering 200 once the port given as the argument is open.
import http from 'node:http';

http.createServer((req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{}')).listen(Number(process.argv[2]), '127.0.0.1');
