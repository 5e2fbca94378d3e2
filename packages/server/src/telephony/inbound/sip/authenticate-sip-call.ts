import type { Kysely } from 'kysely';
import { verifyPassword } from '../../../console/session/password.ts';
import { TwilioError } from '../../../errors/twilio-error.ts';
import { passwordHashesFor } from '../../../storage/repositories/sip/credentials.ts';
import { addressesOf } from '../../../storage/repositories/sip/ip-addresses.ts';
import { mappedListSids } from '../../../storage/repositories/sip/mappings.ts';
import type { Database } from '../../../storage/schema.ts';
import { inBlock } from './ip-block.ts';

export interface SipCaller {
  sourceIp: string;
  username: string | undefined;
  password: string | undefined;
}

// Twilio's debugger codes for a refused INVITE; the caller gets a SIP 403 and no call exists.
const IP_NOT_ALLOWED = 32201;
const BAD_CREDENTIALS = 32202;

const refuse = (code: number, message: string) => TwilioError.validation(code, message, 403);

/**
 * Authenticates a call to a domain as Twilio does: a domain with no call authentication mapped takes
 * no calls; each kind mapped must pass: the source IP in one of its IP access control lists, the
 * username and password in one of its credential lists. Returns the username that authenticated.
 */
export async function authenticateSipCall(db: Kysely<Database>, domain: { sid: string; domain_name: string }, caller: SipCaller): Promise<string | undefined> {
  const ipLists = await mappedListSids(db, domain.sid, 'calls-ip');
  const credentialLists = await mappedListSids(db, domain.sid, 'calls-credential');
  if (ipLists.length === 0 && credentialLists.length === 0) {
    throw refuse(IP_NOT_ALLOWED, `${domain.domain_name} has no authentication for calls: map an IP access control list or a credential list to it (Auth/Calls mappings).`);
  }
  if (ipLists.length > 0) {
    const blocks = await addressesOf(db, ipLists);
    if (!blocks.some((block) => inBlock(caller.sourceIp, block))) {
      throw refuse(IP_NOT_ALLOWED, `Source IP ${caller.sourceIp} is not in an IP access control list of ${domain.domain_name}: add it, or call from an allowed SipSourceIp.`);
    }
  }
  if (credentialLists.length === 0) return undefined;
  const { username, password } = caller;
  const hashes = username && password ? await passwordHashesFor(db, credentialLists, username) : [];
  for (const hash of hashes) if (await verifyPassword(password!, hash)) return username;
  throw refuse(BAD_CREDENTIALS, `${domain.domain_name} requires credentials from its credential lists: give SipUsername and SipPassword of one of their credentials.`);
}
