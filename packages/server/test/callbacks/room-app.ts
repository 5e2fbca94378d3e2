import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import twilio from 'twilio';
import type { Seen } from './twilio-app.ts';

const { VoiceResponse } = twilio.twiml;

export interface RoomApp {
  origin: string;
  seen: Seen[];
  refused: string[];
  close(): Promise<void>;
}

type Answer = (params: Record<string, string>) => InstanceType<typeof VoiceResponse> | null;

/**
 * A call centre written from Twilio's docs: callers join a standup conference (the host starts and
 * ends it) or wait in a support queue that agents drain with `<Dial><Queue>`. Every route is behind
 * `twilio.webhook()`.
 */
const ROUTES: Record<string, Answer> = {
  '/conference/caller': () => {
    const twiml = new VoiceResponse();
    twiml.dial({ action: '/conference/after' }).conference(
      { startConferenceOnEnter: false, waitUrl: '/conference/wait', statusCallback: '/conference/events', statusCallbackEvent: ['start', 'end', 'join', 'leave', 'mute', 'hold'] },
      'Standup',
    );
    return twiml;
  },
  '/conference/host': () => {
    const twiml = new VoiceResponse();
    twiml.dial().conference({ startConferenceOnEnter: true, endConferenceOnExit: true, beep: 'false' }, 'Standup');
    return twiml;
  },
  '/conference/wait': () => {
    const twiml = new VoiceResponse();
    twiml.say('Please wait for the host.');
    twiml.play('https://media.example.com/hold.mp3');
    return twiml;
  },
  '/conference/after': () => {
    const twiml = new VoiceResponse();
    twiml.say('The standup is over. Goodbye.');
    return twiml;
  },
  '/queue/caller': () => {
    const twiml = new VoiceResponse();
    twiml.enqueue({ action: '/queue/left', waitUrl: '/queue/wait' }, 'support');
    twiml.say('You are no longer in line.');
    return twiml;
  },
  '/queue/wait': (params) => {
    const twiml = new VoiceResponse();
    twiml.say(`You are caller number ${params.QueuePosition}.`);
    twiml.play('https://media.example.com/hold.mp3');
    return twiml;
  },
  '/queue/impatient': () => {
    const twiml = new VoiceResponse();
    twiml.enqueue({ action: '/queue/left', waitUrl: '/queue/give-up' }, 'support');
    return twiml;
  },
  '/queue/give-up': () => {
    const twiml = new VoiceResponse();
    twiml.say('Nobody is free.');
    twiml.leave();
    return twiml;
  },
  '/queue/left': () => {
    const twiml = new VoiceResponse();
    twiml.say('Thanks for calling.');
    return twiml;
  },
  '/queue/agent': () => {
    const twiml = new VoiceResponse();
    twiml.dial({ action: '/queue/after-dial' }).queue('support');
    return twiml;
  },
  '/queue/after-dial': () => new VoiceResponse(),
  '/queue/picked': () => {
    const twiml = new VoiceResponse();
    twiml.say('A supervisor will talk to you now.');
    return twiml;
  },
  '/conference/events': () => null,
  '/status': () => null,
};

export async function startRoomApp(authToken: string): Promise<RoomApp> {
  const seen: Seen[] = [];
  const refused: string[] = [];
  const app = express();
  app.use(express.urlencoded({ extended: false }));
  app.use((req, res, next) => {
    res.on('finish', () => (res.statusCode === 403 ? refused.push(req.path) : undefined));
    next();
  });
  const verified = twilio.webhook(authToken);
  for (const [path, answer] of Object.entries(ROUTES)) {
    app.post(path, verified, (req, res) => {
      const params = { ...req.body } as Record<string, string>;
      seen.push({ path, params });
      const twiml = answer(params);
      if (twiml) res.type('text/xml').send(twiml.toString());
      else res.sendStatus(204);
    });
  }
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
