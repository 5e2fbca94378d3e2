import { invalidParameter } from '../../../errors/twilio-error.ts';
import { ROLLUP_CATEGORIES, USAGE_CATEGORIES, type UsageCategory } from '../../../telephony/usage-categories.ts';

export interface ReportedCategory {
  name: string;
  description: string;
  countUnit: string;
  usageUnit: string;
  /** The leaf categories it sums (itself for a leaf). */
  leaves: readonly UsageCategory[];
  /** `totalprice`: its usage is the price, and it counts nothing. */
  isPrice: boolean;
}

const LEAVES = Object.keys(USAGE_CATEGORIES) as UsageCategory[];

/** Every category Switchboard reports, leaves and roll-ups, in name order: every list shows each one, used or not. */
export const REPORTED_CATEGORIES: readonly ReportedCategory[] = [
  ...LEAVES.map((name) => {
    const { description, countUnit, usageUnit } = USAGE_CATEGORIES[name];
    return { name, description, countUnit, usageUnit, leaves: [name], isPrice: false };
  }),
  ...Object.entries(ROLLUP_CATEGORIES).map(([name, { description, countUnit, usageUnit, leaves }]) => ({
    name, description, countUnit, usageUnit, leaves, isPrice: name === 'totalprice',
  })),
].sort((a, b) => (a.name < b.name ? -1 : 1));

/** All categories, or the one `Category` names; an unknown name is a 400 listing the known ones. */
export function readCategories(raw: string | undefined): readonly ReportedCategory[] {
  if (raw === undefined) return REPORTED_CATEGORIES;
  const found = REPORTED_CATEGORIES.find((c) => c.name === raw);
  if (!found) {
    throw invalidParameter(`Category '${raw}' is not a usage category Switchboard records. Use one of: ${REPORTED_CATEGORIES.map((c) => c.name).join(', ')}.`);
  }
  return [found];
}
