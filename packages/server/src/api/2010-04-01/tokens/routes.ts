import { randomBytes } from 'node:crypto';
import { invalidParameter } from '../../../errors/twilio-error.ts';
import { one } from '../../../http/params.ts';
import { rfc2822 } from '../../../util/rfc2822.ts';
import { created, type ApiRoute } from '../route.ts';

const DEFAULT_TTL = 86_400;
const MAX_TTL = 172_800;

/**
 * Network Traversal Service tokens: fresh ICE credentials on every request, as Twilio issues them.
 * Switchboard runs no STUN or TURN server; the servers listed are Twilio's, which do not know these
 * credentials, so media relayed by TURN does not work in the simulation (STUN needs none).
 */
const tokens: ApiRoute = {
  method: 'POST',
  path: '/Accounts/:AccountSid/Tokens',
  form: ['Ttl'],
  async handle({ target, form, now }) {
    const raw = one(form, 'Ttl');
    if (raw !== undefined && (!/^\d{1,6}$/.test(raw) || Number(raw) < 1 || Number(raw) > MAX_TTL)) {
      throw invalidParameter(`Ttl must be a whole number of seconds from 1 to ${MAX_TTL}; got '${raw}'.`);
    }
    const ttl = raw === undefined ? DEFAULT_TTL : Number(raw);
    const username = randomBytes(32).toString('hex');
    const password = randomBytes(32).toString('base64');
    // Every server carries the credentials (STUN ignores them), so each entry has the same fields.
    const server = (url: string) => ({ url, urls: url, username, credential: password });
    return created({
      account_sid: target.sid,
      date_created: rfc2822(now),
      date_updated: rfc2822(now),
      ice_servers: [
        server('stun:global.stun.twilio.com:3478'),
        server('turn:global.turn.twilio.com:3478?transport=udp'),
        server('turn:global.turn.twilio.com:3478?transport=tcp'),
        server('turn:global.turn.twilio.com:443?transport=tcp'),
      ],
      password,
      ttl: String(ttl),
      username,
    });
  },
};

export const tokenRoutes: ApiRoute[] = [tokens];
