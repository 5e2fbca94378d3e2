import { formatNational } from './phone-number.ts';

/**
 * The numbers Switchboard sells: only ranges reserved for fiction (NANP 555-0100…0199, Ofcom's drama
 * ranges), so a simulated number can never ring a real phone. The inventory is fixed; a number is
 * available when no account owns it.
 */

/** As `incoming_phone_numbers.type` stores it. */
export type NumberType = 'local' | 'mobile' | 'tollfree';

export interface Capabilities {
  voice: boolean;
  sms: boolean;
  mms: boolean;
  fax: boolean;
}

interface Place {
  locality: string;
  region: string;
  postalCode: string | null;
  latitude: number;
  longitude: number;
  lata: string | null;
  rateCenter: string | null;
}

export interface InventoryNumber {
  phoneNumber: string;
  friendlyName: string;
  isoCountry: string;
  type: NumberType;
  /** The three-digit NANP area code; null outside the US and Canada. */
  areaCode: string | null;
  /** The digits after the country calling code. */
  nationalNumber: string;
  locality: string | null;
  region: string | null;
  postalCode: string | null;
  latitude: number | null;
  longitude: number | null;
  lata: string | null;
  rateCenter: string | null;
  capabilities: Capabilities;
}

export interface Country {
  code: string;
  name: string;
  callingCode: string;
  types: readonly NumberType[];
}

/** In the order `/AvailablePhoneNumbers.json` lists them. */
export const COUNTRIES: readonly Country[] = [
  { code: 'US', name: 'United States', callingCode: '1', types: ['local', 'tollfree'] },
  { code: 'CA', name: 'Canada', callingCode: '1', types: ['local'] },
  { code: 'GB', name: 'United Kingdom', callingCode: '44', types: ['local', 'mobile', 'tollfree'] },
];

/** A run of consecutive numbers: `prefix` followed by `count` suffixes of `width` digits from `first`. */
interface Block {
  country: string;
  type: NumberType;
  prefix: string;
  first: number;
  count: number;
  width: number;
  place: Place | null;
  capabilities: (suffix: number) => Capabilities;
}

const caps = (voice: boolean, sms: boolean, mms: boolean, fax: boolean): Capabilities => ({ voice, sms, mms, fax });

/**
 * NANP local numbers vary by last digit so every capability filter finds something and excludes
 * something: …8 is voice-only, …9 messaging-only, …7 has no MMS, …0 and …5 also take faxes.
 */
export const nanpLocalCapabilities = (suffix: number): Capabilities => {
  const last = suffix % 10;
  return caps(last !== 9, last !== 8, last !== 8 && last !== 7, last === 0 || last === 5);
};

const US_PLACES: Array<[string, Place]> = [
  ['415', { locality: 'San Francisco', region: 'CA', postalCode: '94103', latitude: 37.7749, longitude: -122.4194, lata: '722', rateCenter: 'SNFC CNTRL' }],
  ['212', { locality: 'New York', region: 'NY', postalCode: '10001', latitude: 40.7506, longitude: -73.9971, lata: '132', rateCenter: 'NWYRCYZN01' }],
  ['312', { locality: 'Chicago', region: 'IL', postalCode: '60601', latitude: 41.8853, longitude: -87.6229, lata: '358', rateCenter: 'CHICAGO' }],
  ['206', { locality: 'Seattle', region: 'WA', postalCode: '98101', latitude: 47.6101, longitude: -122.3344, lata: '674', rateCenter: 'SEATTLE' }],
  ['512', { locality: 'Austin', region: 'TX', postalCode: '78701', latitude: 30.2711, longitude: -97.7437, lata: '558', rateCenter: 'AUSTIN' }],
  ['617', { locality: 'Boston', region: 'MA', postalCode: '02108', latitude: 42.3576, longitude: -71.0637, lata: '128', rateCenter: 'BOSTON' }],
  ['303', { locality: 'Denver', region: 'CO', postalCode: '80202', latitude: 39.7525, longitude: -104.9995, lata: '656', rateCenter: 'DENVER' }],
  ['808', { locality: 'Hilo', region: 'HI', postalCode: '96720', latitude: 19.72, longitude: -155.09, lata: '834', rateCenter: 'HILO' }],
];

const CA_PLACES: Array<[string, Place]> = [
  ['604', { locality: 'Vancouver', region: 'BC', postalCode: 'V6B', latitude: 49.2827, longitude: -123.1207, lata: null, rateCenter: 'VANCOUVER' }],
  ['416', { locality: 'Toronto', region: 'ON', postalCode: 'M5H', latitude: 43.6532, longitude: -79.3832, lata: null, rateCenter: 'TORONTO' }],
  ['514', { locality: 'Montreal', region: 'QC', postalCode: 'H2Y', latitude: 45.5017, longitude: -73.5673, lata: null, rateCenter: 'MONTREAL' }],
];

/** Ofcom's drama ranges for geographic numbers: 1000 numbers each. */
const GB_PLACES: Array<[string, Place]> = [
  ['+44207946', { locality: 'London', region: 'England', postalCode: null, latitude: 51.5072, longitude: -0.1276, lata: null, rateCenter: null }],
  ['+44161496', { locality: 'Manchester', region: 'England', postalCode: null, latitude: 53.4808, longitude: -2.2426, lata: null, rateCenter: null }],
  ['+44121496', { locality: 'Birmingham', region: 'England', postalCode: null, latitude: 52.4862, longitude: -1.8904, lata: null, rateCenter: null }],
  ['+44141496', { locality: 'Glasgow', region: 'Scotland', postalCode: null, latitude: 55.8642, longitude: -4.2518, lata: null, rateCenter: null }],
];

const BLOCKS: readonly Block[] = [
  ...US_PLACES.map(([area, place]): Block => ({ country: 'US', type: 'local', prefix: `+1${area}555`, first: 100, count: 100, width: 4, place, capabilities: nanpLocalCapabilities })),
  ...['800', '888'].map((area): Block => ({ country: 'US', type: 'tollfree', prefix: `+1${area}555`, first: 100, count: 100, width: 4, place: null, capabilities: () => caps(true, true, false, false) })),
  ...CA_PLACES.map(([area, place]): Block => ({ country: 'CA', type: 'local', prefix: `+1${area}555`, first: 100, count: 100, width: 4, place, capabilities: nanpLocalCapabilities })),
  ...GB_PLACES.map(([prefix, place]): Block => ({ country: 'GB', type: 'local', prefix, first: 0, count: 1000, width: 4, place, capabilities: () => caps(true, false, false, false) })),
  { country: 'GB', type: 'mobile', prefix: '+447700900', first: 0, count: 1000, width: 3, place: null, capabilities: () => caps(true, true, false, false) },
  { country: 'GB', type: 'tollfree', prefix: '+44808157', first: 0, count: 1000, width: 4, place: null, capabilities: () => caps(true, false, false, false) },
];

const countryOf = (code: string): Country => COUNTRIES.find((c) => c.code === code)!;

function* numbersOf(block: Block): Generator<InventoryNumber> {
  const { callingCode } = countryOf(block.country);
  for (let suffix = block.first; suffix < block.first + block.count; suffix++) {
    const phoneNumber = block.prefix + String(suffix).padStart(block.width, '0');
    const nationalNumber = phoneNumber.slice(1 + callingCode.length);
    yield {
      phoneNumber,
      friendlyName: formatNational(phoneNumber),
      isoCountry: block.country,
      type: block.type,
      areaCode: callingCode === '1' ? nationalNumber.slice(0, 3) : null,
      nationalNumber,
      locality: block.place?.locality ?? null,
      region: block.place?.region ?? null,
      postalCode: block.place?.postalCode ?? null,
      latitude: block.place?.latitude ?? null,
      longitude: block.place?.longitude ?? null,
      lata: block.place?.lata ?? null,
      rateCenter: block.place?.rateCenter ?? null,
      capabilities: block.capabilities(suffix),
    };
  }
}

interface Index {
  byNumber: ReadonlyMap<string, InventoryNumber>;
  byKind: ReadonlyMap<string, readonly InventoryNumber[]>;
}

// Built once, on first use: about 7,300 numbers.
let index: Index | undefined;
function indexed(): Index {
  if (index) return index;
  const byNumber = new Map<string, InventoryNumber>();
  const byKind = new Map<string, InventoryNumber[]>();
  for (const block of BLOCKS) {
    const kind = `${block.country}:${block.type}`;
    const list = byKind.get(kind) ?? [];
    for (const n of numbersOf(block)) {
      byNumber.set(n.phoneNumber, n);
      list.push(n);
    }
    byKind.set(kind, list);
  }
  return (index = { byNumber, byKind });
}

/** The country with this ISO 3166-1 alpha-2 code (any case), if Switchboard sells numbers there. */
export const findCountry = (code: string): Country | undefined => COUNTRIES.find((c) => c.code === code.toUpperCase());

/** Every number of a country and type, in a fixed order. */
export const inventoryOf = (countryCode: string, type: NumberType): readonly InventoryNumber[] =>
  indexed().byKind.get(`${countryCode}:${type}`) ?? [];

/** The inventory entry for an E.164 number, whether or not someone owns it. */
export const findInventoryNumber = (phoneNumber: string): InventoryNumber | undefined => indexed().byNumber.get(phoneNumber);

/** US and Canadian numbers (local and toll-free) with this area code. */
export const inventoryInAreaCode = (areaCode: string): InventoryNumber[] =>
  [...indexed().byNumber.values()].filter((n) => n.areaCode === areaCode);
