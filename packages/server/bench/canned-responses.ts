// What the bare server (baseline.mjs) answers each benchmarked request with: the bytes Switchboard sent for it.

export interface CannedResponse {
  status: number;
  contentType: string;
  body: string;
}

/**
 * What the bare server answers, by `METHOD path`. A figure with thousands of different pages keeps a sample
 * of Switchboard's answers, and each of its other requests is answered with one of them (`aliases`): pages
 * of one size cost bare node:http the same whatever their content.
 */
export interface CannedResponses {
  responses: Record<string, CannedResponse>;
  aliases: Record<string, string>;
}
