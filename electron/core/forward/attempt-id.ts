import type { CryptoPort } from '../../../shared/verify/ports';

/** Time-sortable attempt id: base-36 epoch ms, then 8 random hex characters. */
export function newAttemptId(crypto: CryptoPort, now: number): string {
  const random = Array.from(crypto.randomBytes(4), (b) => b.toString(16).padStart(2, '0')).join('');
  return `att_${now.toString(36).padStart(9, '0')}${random}`;
}
