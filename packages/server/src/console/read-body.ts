import { TwilioError } from '../errors/twilio-error.ts';

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
  if (Number(request.headers.get('content-length') ?? 0) > maxBytes) throw tooLarge();
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (request.body) {
    const reader = request.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel();
        throw tooLarge();
      }
      chunks.push(value);
    }
  }
  try {
    return await new Response(Buffer.concat(chunks), { headers: { 'content-type': contentType } }).formData();
  } catch {
    throw TwilioError.of('invalidParameter', 'The form could not be read. Submit it again from its page.');
  }
}

/** A text field's value; a file or a missing field is an empty string. */
export const field = (form: FormData, name: string): string => {
  const value = form.get(name);
  return typeof value === 'string' ? value : '';
};
