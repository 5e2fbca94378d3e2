import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import twilio from 'twilio';

const { MessagingResponse, VoiceResponse } = twilio.twiml;

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
    else if (body === 'order') {
      reply.message({ action: '/sms/ordered', method: 'POST', statusCallback: '/sms/status' }, 'Your order is placed.');
      reply.message('Never sent: the action goes on with the conversation.');
    }
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
  // <Message action>: told how the first reply went, the app goes on with the conversation.
  app.post('/sms/ordered', verified, (req, res) => {
    note(req);
    const reply = new MessagingResponse();
    reply.message(`We will text you when it ships (your confirmation was ${req.body.MessageStatus}).`);
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

  // The IVR: a menu (Gather) → sales (Dial), a voicemail (Record), or the hours (Say).
  app.post('/voice', verified, (req, res) => {
    note(req);
    const twiml = new VoiceResponse();
    const gather = twiml.gather({ numDigits: 1, action: '/voice/menu', timeout: 5 });
    gather.say('Thanks for calling Rossum. For sales press 1. To leave a message press 2. For our hours press 3.');
    twiml.say('We did not get your choice. Goodbye.');
    res.type('text/xml').send(twiml.toString());
  });
  app.post('/voice/menu', verified, (req, res) => {
    note(req);
    const twiml = new VoiceResponse();
    const choice = req.body.Digits;
    if (choice === '1') {
      const dial = twiml.dial({ action: '/voice/after-dial', timeout: 20 });
      dial.number({ statusCallback: '/voice/leg-status', statusCallbackEvent: ['initiated', 'ringing', 'answered', 'completed'] }, '+12125550111');
    } else if (choice === '2') {
      twiml.say('Please leave a message after the beep.');
      twiml.record({ action: '/voice/recorded', maxLength: 30, transcribe: true, transcribeCallback: '/voice/transcribed', recordingStatusCallback: '/voice/recording-status' });
    } else if (choice === '3') {
      twiml.say('We are open nine to five, Monday to Friday.');
      twiml.sms('Our hours: 9 to 5, Monday to Friday.');
    } else if (choice === '4') {
      twiml.sms({ action: '/voice/texted' }, 'Rossum, 1 Main Street.');
      twiml.say('Never said: the action goes on with the call.');
    } else {
      twiml.redirect('/voice');
    }
    res.type('text/xml').send(twiml.toString());
  });
  app.post('/voice/after-dial', verified, (req, res) => {
    note(req);
    const twiml = new VoiceResponse();
    if (req.body.DialCallStatus !== 'completed') twiml.say('Sales is busy. Goodbye.');
    twiml.hangup();
    res.type('text/xml').send(twiml.toString());
  });
  app.post('/voice/texted', verified, (req, res) => {
    note(req);
    const twiml = new VoiceResponse();
    twiml.say(req.body.SmsStatus === 'failed' ? 'We could not text you.' : 'We have texted you our address. Goodbye.');
    res.type('text/xml').send(twiml.toString());
  });
  app.post('/voice/recorded', verified, (req, res) => {
    note(req);
    const twiml = new VoiceResponse();
    twiml.say('Thank you. Goodbye.');
    res.type('text/xml').send(twiml.toString());
  });
  for (const path of ['/voice/status', '/voice/leg-status', '/voice/recording-status', '/voice/transcribed', '/usage/trigger']) {
    app.post(path, verified, (req, res) => {
      note(req);
      res.sendStatus(204);
    });
  }
  app.post('/voice/broken', verified, (req, res) => {
    note(req);
    res.type('text/xml').send('<Response><Say>unclosed</Response>');
  });
  app.post('/voice/fallback', verified, (req, res) => {
    note(req);
    const twiml = new VoiceResponse();
    twiml.say('Sorry, something went wrong.');
    res.type('text/xml').send(twiml.toString());
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
