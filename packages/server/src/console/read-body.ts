import { TwilioError } from '../errors/twilio-error.ts';
import { readCappedBody } from '../http/read-capped-body.ts';

const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data'];

/** A Console form may carry a logo; nothing else needs more. */
export const MAX_FORM_BYTES = 1024 * 1024;

const tooLarge = () => new TwilioError(20001, 413, `The form is larger than ${MAX_FORM_BYTES / 1024} KiB. Choose a smaller logo and try again.`);

/** Reads a submitted HTML form (URL-encoded or multipart) with a hard size cap. */
export async function readBody(request: Request, maxBytes = MAX_FORM_BYTES): Promise<FormData> {
  const contentType = request.headers.get('content-type') ?? '';
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  if (!FORM_TYPES.includes(type)) {
    throw new TwilioError(20001, 415, `Submit this form from its page: expected ${FORM_TYPES.join(' or ')}, got '${contentType || 'no Content-Type'}'.`);
  }
  const bytes = await readCappedBody(request, maxBytes, tooLarge);
  try {
    return await new Response(new Uint8Array(bytes), { headers: { 'content-type': contentType } }).formData();
  } catch {
    throw TwilioError.of('invalidParameter', 'The form could not be read. Submit it again from its page.');
  }
}

/** A text field's value; a file or a missing field is an empty string. */
export const field = (form: FormData, name: string): string => {
  const value = form.get(name);
  return typeof value === 'string' ? value : '';
};
