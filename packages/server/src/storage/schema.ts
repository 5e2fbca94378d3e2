/** Row types of every table. Instants are epoch milliseconds; permission sets are comma lists. */
export interface AccountsTable {
  sid: string;
  parent_sid: string | null;
  friendly_name: string;
  type: 'Full' | 'Trial';
  status: 'active' | 'suspended' | 'closed';
  auth_token: string;
  date_created: number;
  date_updated: number;
}

export interface ConnectAppsTable {
  sid: string;
  account_sid: string;
  friendly_name: string;
  company_name: string | null;
  description: string | null;
  homepage_url: string | null;
  terms_of_service_url: string | null;
  authorize_redirect_url: string | null;
  deauthorize_callback_url: string | null;
  deauthorize_callback_method: 'GET' | 'POST';
  permissions: string;
  date_created: number;
  date_updated: number;
}

/** A user's authorization of a Connect App: one row per (app, user account), kept after revocation. */
export interface ConnectGrantsTable {
  connect_app_sid: string;
  account_sid: string;
  subaccount_sid: string;
  developer_account_sid: string;
  permissions: string;
  status: 'active' | 'revoked';
  date_created: number;
  date_updated: number;
}

export interface Database {
  accounts: AccountsTable;
  connect_apps: ConnectAppsTable;
  connect_grants: ConnectGrantsTable;
}
