/** The Connect audit trail's table (migration 0010). */

/** One API request made with Connect credentials; `account_sid` is the customer's top-level account. */
export interface ConnectActivityTable {
  sid: string;
  account_sid: string;
  subaccount_sid: string;
  connect_app_sid: string;
  developer_account_sid: string;
  method: string;
  /** The path as requested, without the query string. */
  path: string;
  /** `Messages`, `Calls`, `Accounts`…: what the request touched. */
  resource: string;
  status: number;
  error_code: number | null;
  /** For 20006: `get-all`, `post-all`, or `never` when no grant allows the request. */
  missing_permission: string | null;
  /** What a successful create made (a message, call or number), for its price. */
  resource_sid: string | null;
  /** UTC `YYYY-MM-DD` of `date_created`. */
  day: string;
  date_created: number;
}

export interface AuditTables {
  connect_activity: ConnectActivityTable;
}
