/** E.164: a plus sign and 7 to 15 digits, no leading zero. */
const E164 = /^\+[1-9]\d{6,14}$/;

export const isE164 = (value: string): boolean => E164.test(value);

/** Client identities (`client:alice`) and SIP URIs are call endpoints too. */
export const isCallEndpoint = (value: string): boolean => isE164(value) || /^client:[\w.@-]{1,256}$/.test(value) || /^sip:\S+@\S+$/.test(value);

/** NANP numbers read as `(415) 555-0123`; others stay in E.164. */
export const formatNational = (e164: string): string => {
  const m = /^\+1(\d{3})(\d{3})(\d{4})$/.exec(e164);
  return m ? `(${m[1]}) ${m[2]}-${m[3]}` : e164;
};
