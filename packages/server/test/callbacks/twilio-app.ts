import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import twilio from 'twilio';

const { MessagingResponse } = twilio.twiml;

/** A request the app accepted, after twilio.webhook() validated its signature. */
export interface Seen {
  path: string;
  params: Record<string, string>;
}

export interface TwilioApp {
  origin: string;
  seen: Seen[];
  /** Requests twilio.webhook() refused (403): none, when every request is signed right. */
  refused: string[];
  close(): Promise<void>;
}

/**
 * An app written from Twilio's docs, as a developer ships it: Express, every route behind
 * `twilio.webhook()`, an SMS auto-responder and a status-callback handler.
 */
export async function startTwilioApp(authToken: string): Promise<TwilioApp> {
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

  app.post('/sms', verified, (req, res) => {
    note(req);
    const reply = new MessagingResponse();
    const body = String(req.body.Body ?? '').trim().toLowerCase();
    if (body === 'hours') reply.message({ statusCallback: '/sms/status' }, 'We are open 9 to 5, Monday to Friday.');
    else if (body === 'more') reply.redirect({ method: 'POST' }, '/sms/more');
    else if (body !== 'stop') reply.message({ statusCallback: '/sms/status' }, `Thanks for your message! Text HOURS for our opening hours.`);
    res.type('text/xml').send(reply.toString());
  });
  app.post('/sms/more', verified, (req, res) => {
    note(req);
    const reply = new MessagingResponse();
    reply.message('First part');
    reply.message('Second part');
    res.type('text/xml').send(reply.toString());
  });
  app.post('/sms/status', verified, (req, res) => {
    note(req);
    res.sendStatus(204);
  });
  app.all('/broken', verified, (req, res) => {
    note(req);
    res.type('text/xml').send('<Response><Message>unclosed</Response>');
  });
  app.all('/fallback', verified, (req, res) => {
    note(req);
    res.type('text/xml').send('<Response><Message>Sorry, we are having trouble. Try again soon.</Message></Response>');
  });

  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    refused,
    close: () => new Promise<void>((resolve) => { server.close(() => resolve()); server.closeAllConnections(); }),
  };
}
