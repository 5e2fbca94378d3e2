/** What a test-control request answered: status, JSON body and headers. */
export interface ControlAnswer {
  status: number;
  body: any;
  headers: Headers;
}

/** A request to the test controls (`/_switchboard/…`) with HTTP Basic credentials, as any HTTP client sends it. */
export async function control(
  baseUrl: string,
  credentials: { username: string; password: string },
  method: 'GET' | 'POST' | 'DELETE',
  path: string,
  form?: Record<string, string>,
): Promise<ControlAnswer> {
  const headers: Record<string, string> = { authorization: `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}` };
  if (form) headers['content-type'] = 'application/x-www-form-urlencoded';
  const response = await fetch(`${baseUrl}/_switchboard${path}`, { method, headers, body: form ? new URLSearchParams(form).toString() : undefined });
  const text = await response.text();
  return { status: response.status, body: text === '' ? null : JSON.parse(text), headers: response.headers };
}
