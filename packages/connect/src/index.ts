export { ConnectError, type ConnectErrorCode } from './errors.ts';
export { connectButton, authorizeUrl, type ConnectButtonOptions } from './button/connect-button.ts';
export { createState } from './authorize/create-state.ts';
export { parseAuthorizeCallback, type AuthorizeCallbackOptions } from './authorize/parse-authorize-callback.ts';
export { handleDeauthorize, type DeauthorizeOptions, type Deauthorization } from './deauthorize/handle-deauthorize.ts';
export { toWebRequest, fromNodeRequest, type NodeRequestOptions } from './http/node-request.ts';
export type { QuerySource } from './http/query-of.ts';
export {
  getExpectedTwilioSignature,
  getExpectedBodyHash,
  type SignatureParams,
  type SignatureParamValue,
} from './signature/expected-signature.ts';
export { validateRequest, validateRequestWithBody, validateBody } from './signature/validate-request.ts';
export { generateTestSignature } from './signature/test-signature.ts';
export {
  ClientCapability,
  type ClientCapabilityOptions,
  type OutgoingClientOptions,
} from './capability/client-capability.ts';
export type { ScopeParams } from './capability/scope-strings.ts';
export {
  verifyCapabilityToken,
  type VerifiedCapability,
  type VerifyCapabilityOptions,
} from './capability/verify-capability-token.ts';
export type { CapabilityScopes } from './capability/parse-scopes.ts';
