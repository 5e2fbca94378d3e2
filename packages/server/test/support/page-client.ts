/**
 * A cookie-keeping HTTP client for the Console's forms, for the checks a browser makes awkward:
 * raw status codes, headers and hostile bodies. It never follows redirects.
 */
export class PageClient {
  readonly cookies = new Map<string, string>();
  /** The CSRF token of the last page that had a form. */
  csrf = '';

  constructor(readonly base: string) {}

  async request(path: string, init: RequestInit = {}): Promise<{ status: number; headers: Headers; html: string }> {
    const headers = new Headers(init.headers);
    if (this.cookies.size > 0) headers.set('cookie', [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '));
    const response = await fetch(this.base + path, { ...init, headers, redirect: 'manual' });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair, ...attributes] = cookie.split(';');
      const [name, value] = [pair!.slice(0, pair!.indexOf('=')), pair!.slice(pair!.indexOf('=') + 1)];
      if (attributes.some((a) => /max-age=0/i.test(a.trim()))) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const html = await response.text();
    const token = /name="csrf" value="([^"]+)"/.exec(html)?.[1];
    if (token) this.csrf = token;
    return { status: response.status, headers: response.headers, html };
  }

  get(path: string) {
    return this.request(path);
  }

  /** Posts a URL-encoded form, with the current CSRF token unless the fields set `csrf` themselves. */
  post(path: string, fields: Record<string, string | string[]>) {
    const body = new URLSearchParams();
    if (!('csrf' in fields)) body.append('csrf', this.csrf);
    for (const [name, value] of Object.entries(fields)) for (const v of [value].flat()) body.append(name, v);
    return this.request(path, { method: 'POST', body });
  }

  /** Posts a multipart form (the Connect App form, with its logo), with the current CSRF token. */
  postMultipart(path: string, form: FormData) {
    if (!form.has('csrf')) form.append('csrf', this.csrf);
    return this.request(path, { method: 'POST', body: form });
  }

  async signUp(email: string, type: 'Full' | 'Trial' = 'Full', password = 'correct horse battery staple') {
    await this.get('/console/signup');
    return this.post('/console/signup', { email, password, accountName: `${type} account`, type });
  }
}

/** The text of a page without its tags, with entities decoded, for matching messages. */
export const pageText = (html: string): string =>
  html.replace(/<[^>]+>/g, ' ').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&').replace(/\s+/g, ' ');
