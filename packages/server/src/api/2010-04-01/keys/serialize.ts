import type { ApiKey } from '../../../storage/repositories/api-keys.ts';
import { rfc2822 } from '../../../util/rfc2822.ts';

export const serializeKey = (key: ApiKey) => ({
  sid: key.sid,
  friendly_name: key.friendly_name,
  date_created: rfc2822(key.date_created),
  date_updated: rfc2822(key.date_updated),
});

/** Only the create response carries the secret. */
export const serializeNewKey = (key: ApiKey, secret: string) => ({ ...serializeKey(key), secret });
