// Twilio SIDs are an uppercase two-letter prefix and 32 hex digits; Twilio emits lowercase hex, accept either.
const ACCOUNT_SID = /^AC[0-9a-fA-F]{32}$/;
const CONNECT_APP_SID = /^CN[0-9a-fA-F]{32}$/;

export const isAccountSid = (value: string): boolean => ACCOUNT_SID.test(value);
export const isConnectAppSid = (value: string): boolean => CONNECT_APP_SID.test(value);
