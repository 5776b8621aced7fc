/** The forwarder's dependencies as the outbox tests wire them: fake time, a real HTTP sender, loopback lookup. */
import type { ForwarderDeps } from '../../../../electron/core/forward/outbox';
import type { Sender } from '../../../../electron/core/forward/http-sender';
import { nodeCryptoPort } from '../../../helpers/node-crypto-port';
import type { FakeTime } from './fake-time';
import { chainSource, loopLookup } from './fixtures';

/** one source `src` (GitHub preset) forwarding to `forwardUrl`; `over` replaces or adds any field */
export function forwarderDeps(
  base: { store: ForwarderDeps['store']; time: FakeTime; sender: Sender; forwardUrl: string; ordered?: boolean },
  over: Partial<ForwarderDeps> = {},
): ForwarderDeps {
  const source = chainSource({ id: 'src', provider: 'github', forward: { url: base.forwardUrl, ...(base.ordered ? { ordered: true } : {}) } });
  return {
    store: base.store,
    clock: base.time.clock,
    sender: base.sender,
    crypto: nodeCryptoPort,
    getSource: (id) => (id === 'src' ? source : null),
    lookup: loopLookup,
    scheduler: base.time.scheduler,
    ...over,
  };
}
