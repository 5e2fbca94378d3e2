// The GSM 03.38 basic set and its extension table; anything else forces UCS-2.
const GSM7 = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
);
const GSM7_EXTENDED = new Set('^{}\\[~]|€\f');

/** How many SMS segments a body takes: 160/153 GSM-7 characters, or 70/67 UCS-2 code units. */
export function countSegments(body: string): number {
  if (body === '') return 1;
  let gsmLength = 0;
  let gsm = true;
  for (const ch of body) {
    if (GSM7.has(ch)) gsmLength += 1;
    else if (GSM7_EXTENDED.has(ch)) gsmLength += 2;
    else {
      gsm = false;
      break;
    }
  }
  if (gsm) return gsmLength <= 160 ? 1 : Math.ceil(gsmLength / 153);
  const units = body.length;
  return units <= 70 ? 1 : Math.ceil(units / 67);
}
