import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** A failure the visitor caused or can fix: rendered as a page with this status, title and advice. */
export class HttpError extends Error {
  readonly status: ContentfulStatusCode;
  readonly title: string;
  readonly headers: Record<string, string>;

  constructor(status: ContentfulStatusCode, title: string, message: string, headers: Record<string, string> = {}) {
    super(message);
    this.name = 'HttpError';
    this.status = status;
    this.title = title;
    this.headers = headers;
  }
}
