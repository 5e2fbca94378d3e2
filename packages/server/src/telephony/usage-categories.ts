/**
 * Leaf usage categories Switchboard records, with Twilio's descriptions and units, and the list
 * prices of the simulation (USD, in millionths of a dollar per unit of `usage`).
 */
export const USAGE_CATEGORIES = {
  'calls-inbound': { description: 'Voice Minutes Inbound', countUnit: 'calls', usageUnit: 'minutes', microsPerUnit: 8_500 },
  'calls-outbound': { description: 'Voice Minutes Outbound', countUnit: 'calls', usageUnit: 'minutes', microsPerUnit: 14_000 },
  'sms-inbound': { description: 'SMS Inbound', countUnit: 'messages', usageUnit: 'messages', microsPerUnit: 7_900 },
  'sms-outbound': { description: 'SMS Outbound', countUnit: 'messages', usageUnit: 'messages', microsPerUnit: 7_900 },
  'phonenumbers-local': { description: 'Local Phone Numbers', countUnit: 'phone-numbers', usageUnit: 'phone-numbers', microsPerUnit: 1_150_000 },
  'phonenumbers-mobile': { description: 'Mobile Phone Numbers', countUnit: 'phone-numbers', usageUnit: 'phone-numbers', microsPerUnit: 1_150_000 },
  'phonenumbers-tollfree': { description: 'Toll Free Phone Numbers', countUnit: 'phone-numbers', usageUnit: 'phone-numbers', microsPerUnit: 2_150_000 },
  recordings: { description: 'Recordings', countUnit: 'recordings', usageUnit: 'minutes', microsPerUnit: 2_500 },
  transcriptions: { description: 'Transcriptions', countUnit: 'transcriptions', usageUnit: 'minutes', microsPerUnit: 50_000 },
} as const;

export type UsageCategory = keyof typeof USAGE_CATEGORIES;

/** Twilio's rolled-up categories: each sums the leaves listed; `totalprice` sums every price. */
export const ROLLUP_CATEGORIES: Record<string, { description: string; countUnit: string; usageUnit: string; leaves: UsageCategory[] }> = {
  calls: { description: 'Voice Minutes', countUnit: 'calls', usageUnit: 'minutes', leaves: ['calls-inbound', 'calls-outbound'] },
  sms: { description: 'SMS', countUnit: 'messages', usageUnit: 'messages', leaves: ['sms-inbound', 'sms-outbound'] },
  phonenumbers: { description: 'Phone Numbers', countUnit: 'phone-numbers', usageUnit: 'phone-numbers', leaves: ['phonenumbers-local', 'phonenumbers-mobile', 'phonenumbers-tollfree'] },
  totalprice: { description: 'Total Price', countUnit: '', usageUnit: 'usd', leaves: Object.keys(USAGE_CATEGORIES) as UsageCategory[] },
};

/** `-0.02800`: Twilio's price strings are negative (a charge) with five decimals. */
export const formatPrice = (micros: number): string => (micros === 0 ? '0.00000' : (-micros / 1_000_000).toFixed(5));

/** The price of usage at list price, in millionths of a dollar. */
export const priceMicros = (category: UsageCategory, usage: number): number => USAGE_CATEGORIES[category].microsPerUnit * usage;
