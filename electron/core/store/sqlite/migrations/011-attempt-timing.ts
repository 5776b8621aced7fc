/**
 * v11: an attempt's time until the dev server's response headers arrived, beside its total duration —
 * the Forwarding tab shows how much of an attempt was the handler's work and how much the body's
 * transfer. Older attempts keep NULL (not measured).
 */
import type { Migration } from './types';

export const attemptTiming: Migration = {
  version: 11,
  name: 'attempt-timing',
  up(db) {
    db.exec('ALTER TABLE attempts ADD COLUMN headers_ms INTEGER');
  },
};
