/** Tests use the production CryptoPort (one implementation, electron/core/crypto). */
import type { CryptoPort } from '../../shared/verify/ports';
import { nodeCryptoPort } from '../../electron/core/crypto/node-crypto-port';

export { nodeCryptoPort };
export function createNodeCryptoPort(): CryptoPort {
  return nodeCryptoPort;
}
