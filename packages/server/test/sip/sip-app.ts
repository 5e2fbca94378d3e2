import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import twilio from 'twilio';

const { VoiceResponse } = twilio.twiml;

export interface Seen {
  path: string;
  params: Record<string, string>;
}

export interface SipApp {
  origin: string;
  seen: Seen[];
  /** Requests twilio.webhook() refused (403): none, when every request is signed right. */
  refused: string[];
  close(): Promise<void>;
}

/**
 * A SIP domain's app written from Twilio's docs: greets the caller by the SIP parameters and
 * forwards the call to the office PBX with `<Dial><Sip>`; every route behind `twilio.webhook()`.
 */
export async function startSipApp(authToken: string): Promise<SipApp> {
  const seen: Seen[] = [];
  const refused: string[] = [];
  const app = express();
  app.use(express.urlencoded({ extended: false }));
  app.use((req, res, next) => {
    res.on('finish', () => (res.statusCode === 403 ? refused.push(req.path) : undefined));
    next();
  });
  const verified = twilio.webhook(authToken);
  const note = (req: express.Request) => seen.push({ path: req.path, params: { ...req.query, ...req.body } as Record<string, string> });

  app.post('/sip/voice', verified, (req, res) => {
    note(req);
    const twiml = new VoiceResponse();
    twiml.say(`Hello ${req.body.SipUsername ?? 'caller'}, connecting you through ${req.body.SipDomain}.`);
    twiml.dial({ action: '/sip/after-dial' }).sip('sip:reception@pbx.example.com');
    res.type('text/xml').send(twiml.toString());
  });
  app.post('/sip/after-dial', verified, (req, res) => {
    note(req);
    res.type('text/xml').send(new VoiceResponse().hangup().toString());
  });
  app.post('/sip/status', verified, (req, res) => {
    note(req);
    res.sendStatus(204);
  });

  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    refused,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
