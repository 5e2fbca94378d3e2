import assert from 'node:assert/strict';

type Fetch = (request: Request) => Response | Promise<Response>;

/**
 * A browser without a browser: keeps cookies (by name, across ports, as browsers do for one host),
 * sends forms, and leaves redirects to the test so each hop can be checked.
 */
export class Visitor {
  readonly cookies = new Map<string, string>();

  constructor(private readonly send: Fetch = (request) => fetch(request)) {}

  async request(url: string, init: { method?: string; form?: Record<string, string>; body?: string; headers?: Record<string, string> } = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size > 0) headers.set('cookie', [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '));
    let body: string | undefined = init.body;
    if (init.form) {
      body = new URLSearchParams(init.form).toString();
      headers.set('content-type', 'application/x-www-form-urlencoded');
    }
    const response = await this.send(new Request(url, { method: init.method ?? (body === undefined ? 'GET' : 'POST'), headers, body, redirect: 'manual' }));
    for (const cookie of response.headers.getSetCookie()) {
      const [pair, ...attributes] = cookie.split(';');
      const [name, ...value] = pair!.split('=');
      const expired = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a) || (/^\s*expires=/i.test(a) && Date.parse(a.split('=')[1]!) < Date.now()));
      if (expired) this.cookies.delete(name!.trim());
      else this.cookies.set(name!.trim(), value.join('='));
    }
    return response;
  }

  get(url: string): Promise<Response> {
    return this.request(url);
  }

  post(url: string, form: Record<string, string>): Promise<Response> {
    return this.request(url, { method: 'POST', form });
  }

  /** GETs the page and POSTs its form back with the fields given plus the page's CSRF token. */
  async submit(pageUrl: string, action: string, fields: Record<string, string>): Promise<Response> {
    const page = await this.get(pageUrl);
    assert.equal(page.status, 200, `${pageUrl} shows a form`);
    return this.post(new URL(action, pageUrl).toString(), { csrf: csrfOf(await page.text()), ...fields });
  }
}

export const csrfOf = (html: string): string => {
  const match = /name="csrf" value="([^"]+)"/.exec(html);
  assert.ok(match, 'the page has a form with a CSRF token');
  return match[1]!;
};

/** The redirect's target, resolved against the URL that answered. */
export const locationOf = (response: Response, from: string): string => {
  assert.ok(response.status >= 300 && response.status < 400, `expected a redirect, got ${response.status}`);
  return new URL(response.headers.get('location')!, from).toString();
};

/** A `data-value` by element id, as the dashboard renders its numbers. */
export const valueOf = (html: string, id: string): number => {
  const match = new RegExp(`id="${id}" data-value="([^"]+)"`).exec(html);
  assert.ok(match, `the page shows #${id}`);
  return Number(match[1]);
};
