import RequestClient from 'twilio/lib/base/RequestClient.js';
import { normalizeBaseUrl } from '../util/base-url.ts';

/**
 * twilio-node's HTTP client with every request's origin swapped for Switchboard's. It rewrites after
 * twilio-node picked the host, so it covers every domain, absolute paging links and TWILIO_EDGE/REGION.
 */
export class SwitchboardRequestClient extends RequestClient {
  readonly baseUrl: string;

  constructor(baseUrl: string, options?: RequestClient.RequestClientOptions) {
    super(options);
    this.baseUrl = normalizeBaseUrl(baseUrl);
  }

  // Typed through RequestClient: the declaration then resolves in consumers' ESM and CommonJS projects alike.
  override request<TData>(opts: RequestClient.RequestOptions<TData>): ReturnType<typeof RequestClient.prototype.request<TData>> {
    const url = new URL(opts.uri);
    return super.request<TData>({ ...opts, uri: this.baseUrl + url.pathname + url.search });
  }
}
