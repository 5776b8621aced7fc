/** auth-token: ?token= or X-Auth-Token against authTokens, compared in constant time (over their hashes). */
import type { CheckResult } from '../../checks';
import type { RequestContext } from '../request-context';
import { result } from './result';

export function authTokenCheck(ctx: RequestContext): CheckResult {
  const tokens = ctx.source.authTokens;
  if (tokens.length === 0) {
    return result('auth-token', 'skip', 'skipped', 'No auth token is configured for this source (optional: authTokens adds a shared token on top of the signature).');
  }
  const presented: Array<{ from: 'header' | 'query'; value: string }> = [];
  const header = ctx.header('X-Auth-Token');
  if (header !== null) presented.push({ from: 'header', value: header });
  const query = ctx.queryParam('token');
  if (query !== null) presented.push({ from: 'query', value: query });
  if (presented.length === 0) {
    return result('auth-token', 'fail', 'missing_token', 'No auth token was sent: add ?token=<token> to the URL configured at the provider, or send an X-Auth-Token header.');
  }
  const { crypto } = ctx;
  const wanted = tokens.map((t) => crypto.hash('sha256', t));
  // every comparison runs, so timing does not reveal which token (or whether any) matched
  let matchedFrom: 'header' | 'query' | null = null;
  for (const p of presented) {
    const h = crypto.hash('sha256', p.value);
    for (const w of wanted) if (crypto.timingSafeEqual(h, w) && matchedFrom === null) matchedFrom = p.from;
  }
  if (matchedFrom) return result('auth-token', 'pass', 'ok', `The auth token (${matchedFrom === 'header' ? 'X-Auth-Token header' : '?token= parameter'}) matches.`, { from: matchedFrom });
  return result('auth-token', 'fail', 'wrong_token', 'The auth token does not match any configured token: update the token in the URL or header the provider sends.', {
    from: presented.map((p) => p.from),
  });
}
