import assert from 'node:assert/strict';
import twilio from 'twilio';
import RequestClient from 'twilio/lib/base/RequestClient.js';
import { assertMatchesSpec, assertTwilioError } from './spec-validator.ts';

/**
 * twilio-node's own HTTP client with the origin swapped for Switchboard's; every response it
 * receives is checked against Twilio's spec (or the error format) before twilio-node sees it.
 */
class SwitchboardRequestClient extends RequestClient {
  constructor(private readonly base: string) {
    super();
  }

  override async request<TData>(opts: RequestClient.RequestOptions<TData>) {
    const original = new URL(opts.uri);
    const response = await super.request<TData>({ ...opts, uri: new URL(original.pathname + original.search, this.base).toString() });
    if (response.statusCode >= 400) assertTwilioError(response.statusCode, response.body);
    else if (response.statusCode !== 204) assertMatchesSpec(opts.method ?? 'GET', original.pathname, response.statusCode, response.body);
    return response;
  }
}

/** A twilio-node client talking to Switchboard; `accountSid` is the account in the path when it differs from the username. */
export const twilioClient = (baseUrl: string, username: string, password: string, accountSid?: string) =>
  twilio(username, password, { httpClient: new SwitchboardRequestClient(baseUrl), accountSid });

export type TwilioClient = ReturnType<typeof twilioClient>;

/** The status and Twilio code a request was refused with; fails the test when it succeeds or fails otherwise. */
export async function refusal(request: Promise<unknown>): Promise<{ status: number; code: number | undefined }> {
  try {
    await request;
  } catch (error) {
    assert.ok(error instanceof twilio.RestException, `expected a RestException, got ${String(error)}`);
    return { status: error.status, code: error.code };
  }
  assert.fail('the request succeeded');
}
