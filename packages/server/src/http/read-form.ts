import type { IncomingMessage } from 'node:http';
import { TwilioError } from '../errors/twilio-error.ts';
import { parseUrlEncoded, type Params } from './params.ts';
import { readCappedBody } from './read-capped-body.ts';
import { readCappedIncoming } from './read-capped-incoming.ts';

const tooLarge = (max: number): TwilioError =>
  new TwilioError(20001, 413, `The request body is larger than ${max} bytes. Send fewer or shorter parameters.`);

const FORM_TYPE = 'application/x-www-form-urlencoded';
const UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Reads a form body with a hard size cap, refusing other content types and invalid UTF-8. Given the
 * Node request behind `request` (whose body nothing has read yet), reads from it directly: cheaper.
 */
export async function readForm(request: Request, maxBytes: number, incoming?: IncomingMessage): Promise<Params> {
  const bytes =
    incoming && !incoming.readableDidRead
      ? await readCappedIncoming(incoming, maxBytes, () => tooLarge(maxBytes))
      : await readCappedBody(request, maxBytes, () => tooLarge(maxBytes));
  if (bytes.byteLength === 0) return parseUrlEncoded('');

  const contentType = incoming ? incoming.headers['content-type'] : request.headers.get('content-type');
  const [type, ...attributes] = (contentType ?? '').split(';').map((s) => s.trim().toLowerCase());
  const charset = attributes.find((a) => a.startsWith('charset='))?.slice(8).replace(/"/g, '');
  if (type !== FORM_TYPE || (charset !== undefined && charset !== 'utf-8')) {
    throw new TwilioError(20001, 415, `Send parameters as ${FORM_TYPE} (UTF-8), as Twilio's API expects; got '${contentType ?? 'no Content-Type'}'.`);
  }
  let text: string;
  try {
    text = UTF8.decode(bytes);
  } catch {
    throw TwilioError.of('invalidParameter', 'The request body is not valid UTF-8.');
  }
  return parseUrlEncoded(text);
}
