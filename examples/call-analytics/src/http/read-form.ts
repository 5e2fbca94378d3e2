import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../env.ts';
import { HttpError } from './http-error.ts';

/** Our forms are a few fields; anything larger is not one of them. */
export const MAX_FORM_BYTES = 16 * 1024;

/** Reads an `application/x-www-form-urlencoded` body into `c.var.form`, refusing other types (415) and floods (413). */
export const readForm: MiddlewareHandler<AppEnv> = async (c, next) => {
  const type = c.req.header('content-type')?.split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/x-www-form-urlencoded') {
    throw new HttpError(415, 'Unsupported form', 'This address takes an HTML form (application/x-www-form-urlencoded). Go back, reload the page and send the form again.');
  }
  const declared = Number(c.req.header('content-length') ?? 0);
  if (declared > MAX_FORM_BYTES) throw tooLarge();
  const reader = c.req.raw.body?.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  while (reader) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_FORM_BYTES) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  c.set('form', new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
  await next();
};

const tooLarge = () => new HttpError(413, 'Form too large', `Forms on this site are under ${MAX_FORM_BYTES / 1024} KiB. Shorten what you typed and send it again.`);

/** One field's value; the first when a field is repeated, '' when absent. */
export const field = (form: URLSearchParams, name: string): string => form.get(name) ?? '';
