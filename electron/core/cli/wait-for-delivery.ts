/**
 * A delivery the receiver just acknowledged, read back through the API. The display row is derived after
 * the answer, so it may lag a moment: a bounded wait for `not_found`, any other error at once.
 */
import type { DeliveryDetail, HookscopeApi } from '../../../shared/api';
import { ApiCallError } from './api-client';
import { CliError } from './errors';

export async function waitForDelivery(api: HookscopeApi, id: string, timeoutMs = 10_000): Promise<DeliveryDetail> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await api.getDelivery({ id });
    } catch (error) {
      if (!(error instanceof ApiCallError && error.code === 'not_found')) throw error;
      if (Date.now() > deadline) throw new CliError(`delivery ${id} was acknowledged but is not readable after ${timeoutMs / 1000} s: see \`hookscope tail\` or the UI`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
