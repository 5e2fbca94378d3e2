/** The Connect audit trail's tables (migrations 0010 and 0020). */

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

/** The trail's requests counted per app, account, subaccount and UTC day, as the Console charts them (migration 0020). */
export interface ConnectActivityDailyTable {
  connect_app_sid: string;
  day: string;
  account_sid: string;
  subaccount_sid: string;
  /** GETs, denials not included. */
  reads: number;
  /** Other methods, denials not included. */
  writes: number;
  /** Refused with 20006. */
  denied: number;
  /** Any status of 400 or more, denials included. */
  errors: number;
}

export interface AuditTables {
  connect_activity: ConnectActivityTable;
  connect_activity_daily: ConnectActivityDailyTable;
}
