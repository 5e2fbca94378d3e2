/** The two Connect permissions, with the words the consent screen and Console use for them. */
export const PERMISSIONS = ['get-all', 'post-all'] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const PERMISSION_LABELS: Record<Permission, string> = {
  'get-all': 'Read all account data',
  'post-all': 'Charge account for usage',
};

export const isPermission = (value: string): value is Permission => (PERMISSIONS as readonly string[]).includes(value);

/** Stored as a sorted comma list; an empty string is no permission. */
export const parsePermissions = (stored: string): Permission[] => stored.split(',').filter(isPermission);

export const formatPermissions = (permissions: readonly Permission[]): string =>
  PERMISSIONS.filter((p) => permissions.includes(p)).join(',');
