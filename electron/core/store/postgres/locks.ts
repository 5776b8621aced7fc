/**
 * Advisory lock keys shared by every Hookscope process on one database (64-bit, fixed). Appends take
 * APPEND inside their transaction, so seq numbers are handed out in commit order across replicas;
 * retention takes RETENTION, so one replica purges at a time.
 */
export const LOCK_KEYS = {
  migrate: '7525356009647468400',
  append: '7525356009647468401',
  retention: '7525356009647468402',
} as const;

/** the NOTIFY channel: payload = the last seq of a committed append */
export const APPENDED_CHANNEL = 'hookscope_appended';

/** the NOTIFY channel: payload = the team config's new version (team-config-table.ts) */
export const CONFIG_CHANNEL = 'hookscope_config';
