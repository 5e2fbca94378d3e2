import assert from 'node:assert/strict';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { networkInterfaces } from 'node:os';
import { connect as tlsConnect } from 'node:tls';
import { after, before, test } from 'node:test';
import { createCa, issueServerCert, newRsaKey } from '../../src/proxy/certificates.ts';
import { onEachDatabase } from '../support/databases.ts';
import { proxiedForSuite, readToEnd, run, sendRaw } from '../support/proxy.ts';

/** Another host on this machine: 127.0.0.2 is loopback too, but no name Switchboard answers. */
const OTHER_HOST = '127.0.0.2';

const listen = (server: Server, host: string) =>
  new Promise<number>((resolve) => server.listen(0, host, () => resolve((server.address() as AddressInfo).port)));

onEachDatabase('The proxy passes other hosts through and refuses what it must', (database) => {
  const proxied = proxiedForSuite(database, '0.0.0.0');
  const upstreamCa = createCa(Date.now(), 'upstream test');
  const leafKey = newRsaKey();
  const plain = createHttpServer((req, res) => res.end(`plain upstream saw ${req.method} ${req.url}`));
  const secure = createHttpsServer(
    { key: leafKey.privatePem, cert: issueServerCert(upstreamCa, 'upstream.test', leafKey, Date.now()) },
    (req, res) => res.end(`secure upstream saw ${req.url}`),
  );
  let plainPort: number;
  let securePort: number;

  before(async () => {
    plainPort = await listen(plain, OTHER_HOST);
    securePort = await listen(secure, OTHER_HOST);
  });
  after(() => {
    plain.close();
    secure.close();
  });

  test("CONNECT to another host is a plain tunnel: TLS end to end with that host's own certificate", async () => {
    const answer = await sendRaw(proxied.current.port, `CONNECT ${OTHER_HOST}:${securePort} HTTP/1.1\r\nHost: ${OTHER_HOST}:${securePort}\r\n\r\n`);
    assert.equal(answer.status, 200);
    const tls = tlsConnect({ socket: answer.socket, servername: 'upstream.test', ca: upstreamCa.certPem });
    await new Promise<void>((resolve, reject) => tls.once('secureConnect', resolve).once('error', reject));
    assert.equal(tls.authorized, true, 'the upstream certificate, not one from Switchboard');
    tls.write('GET /elsewhere HTTP/1.1\r\nHost: upstream.test\r\nConnection: close\r\n\r\n');
    const response = await new Promise<string>((resolve) => {
      let text = '';
      tls.on('data', (chunk: Buffer) => (text += chunk.toString()));
      tls.once('end', () => resolve(text));
    });
    assert.match(response, /secure upstream saw \/elsewhere$/);
  });

  test('curl through the proxy reaches another host both through a CONNECT tunnel and by an absolute-form request (forwarded)', async () => {
    const env = proxied.current.childEnv();
    const tunneled = await run('curl', ['-sS', '--proxytunnel', '-x', env.HTTP_PROXY!, `http://${OTHER_HOST}:${plainPort}/via-tunnel`], env);
    assert.equal(tunneled.stdout, 'plain upstream saw GET /via-tunnel', tunneled.stderr);
    const forwarded = await run('curl', ['-sS', '-x', env.HTTP_PROXY!, '-d', 'a=1', `http://${OTHER_HOST}:${plainPort}/forwarded?q=1`], env);
    assert.equal(forwarded.stdout, 'plain upstream saw POST /forwarded?q=1', forwarded.stderr);
  });

  test('a CONNECT target that is not host:port gets 400 with a Twilio-format error', async () => {
    for (const target of ['api.twilio.com', 'localhost:0', 'bad_host!:443']) {
      const answer = await sendRaw(proxied.current.port, `CONNECT ${target} HTTP/1.1\r\nHost: x\r\n\r\n`);
      assert.equal(answer.status, 400, target);
      const body = JSON.parse(await readToEnd(answer.socket, answer.rest));
      assert.equal(body.code, 20001);
      assert.equal(body.status, 400);
      assert.match(body.more_info, /^https:\/\/www\.twilio\.com\/docs\/errors\/20001$/);
    }
  });

  test('a host that does not answer, or does not exist, gets 502; the server keeps serving', async () => {
    const closed = createHttpServer();
    const closedPort = await listen(closed, OTHER_HOST);
    await new Promise((resolve) => closed.close(resolve));
    for (const target of [`${OTHER_HOST}:${closedPort}`, 'no-such-host.invalid:443']) {
      const answer = await sendRaw(proxied.current.port, `CONNECT ${target} HTTP/1.1\r\nHost: ${target}\r\n\r\n`);
      assert.equal(answer.status, 502, target);
      const body = JSON.parse(await readToEnd(answer.socket, answer.rest));
      assert.equal(body.status, 502);
      assert.ok(body.message.includes(target.split(':')[0]!));
    }
    const health = await fetch(`http://127.0.0.1:${proxied.current.port}/2010-04-01/Accounts.json`);
    assert.equal(health.status, 401);
  });

  test('clients on another address are refused the proxy (CONNECT and forwarding) but still reach the API', async () => {
    const address = Object.values(networkInterfaces()).flat().find((i) => i && i.family === 'IPv4' && !i.internal)?.address;
    assert.ok(address, 'this test needs a non-loopback IPv4 address on the machine');
    const from = { host: address, localAddress: address };
    const tunnel = await sendRaw(proxied.current.port, `CONNECT ${OTHER_HOST}:${plainPort} HTTP/1.1\r\nHost: x\r\n\r\n`, from);
    assert.equal(tunnel.status, 403);
    assert.equal(JSON.parse(await readToEnd(tunnel.socket, tunnel.rest)).code, 20403);
    const intercepted = await sendRaw(proxied.current.port, 'CONNECT api.twilio.com:443 HTTP/1.1\r\nHost: api.twilio.com:443\r\n\r\n', from);
    assert.equal(intercepted.status, 403);
    intercepted.socket.destroy();
    const forwarded = await sendRaw(proxied.current.port, `GET http://${OTHER_HOST}:${plainPort}/x HTTP/1.1\r\nHost: ${OTHER_HOST}\r\nConnection: close\r\n\r\n`, from);
    assert.equal(forwarded.status, 403);
    forwarded.socket.destroy();
    const api = await sendRaw(proxied.current.port, 'GET /2010-04-01/Accounts.json HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n', from);
    assert.equal(api.status, 401, 'the API itself answers everyone it is bound for');
    api.socket.destroy();
  });
});
