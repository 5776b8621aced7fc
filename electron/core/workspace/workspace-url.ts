/**
 * The address of a team workspace, as a person types or pastes it. https:// for any host; plain http://
 * only for this machine (the personal token travels in every request's Authorization header).
 */
import { HookscopeError } from '../../../shared/result';
import { isLoopbackAddress } from '../forward/target-policy';

const EXAMPLE = 'https://hookscope.example.com';

function invalid(message: string): HookscopeError {
  return new HookscopeError('invalid_argument', `url: ${message}`, [{ field: 'args.url', message }]);
}

function isThisMachine(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host.endsWith('.localhost') || isLoopbackAddress(host);
}

/** The workspace's base URL (origin plus an optional path prefix, no trailing slash), or an invalid_argument naming `url`. */
export function parseWorkspaceUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    throw invalid(`not an address: give the team server's address, e.g. ${EXAMPLE}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw invalid(`use https:// (got ${url.protocol}), e.g. ${EXAMPLE}`);
  if (url.protocol === 'http:' && !isThisMachine(url.hostname)) {
    throw invalid('use https:// for a workspace on another machine: over plain http:// your token would travel unencrypted');
  }
  if (url.username || url.password) throw invalid('leave the user name and password out of the address: put your personal token in the token field');
  if (url.searchParams.has('token')) throw invalid('leave ?token=… out of the address: put the token in the token field');
  if (url.search || url.hash) throw invalid(`give the address alone, without ?… or #…, e.g. ${EXAMPLE}`);
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}
