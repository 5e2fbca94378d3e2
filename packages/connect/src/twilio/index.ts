// A separate entry (`@switchboard/connect/twilio`) so the main entry never loads twilio, an optional peer.
export { switchboardClient, type SwitchboardClientOptions } from './switchboard-client.ts';
export { SwitchboardRequestClient } from './switchboard-request-client.ts';
