/**
 * A workspace call that failed, as this instance's API answers it: the field to fix (url, token) and what
 * to do. Errors the workspace itself answered (forbidden for a viewer, not_found…) keep their code and say
 * they came from there. Nothing here can carry the token: messages are built from the host and codes only.
 */
import { HookscopeError } from '../../../shared/result';
import { ApiCallError } from '../cli/api-client';

const TOKEN_HELP = 'ask an admin of the workspace for a personal token (hookscope token create --name YOU --role member)';

function tokenRefused(host: string): HookscopeError {
  const message = `the workspace at ${host} refused this token (unknown or revoked): ${TOKEN_HELP}`;
  return new HookscopeError('workspace_token_refused', `token: ${message}`, [{ field: 'args.token', message }]);
}

export function workspaceError(error: unknown, host: string): HookscopeError {
  if (!(error instanceof ApiCallError)) {
    return error instanceof HookscopeError ? error : new HookscopeError('workspace_unreachable', `The workspace at ${host} could not be reached: check the address and that the team server is running`);
  }
  switch (error.code) {
    case 'unauthorized':
      return tokenRefused(host);
    case 'network':
    case 'stream': {
      const message = `no answer from the workspace at ${host}: check the address and that the team server is running`;
      return new HookscopeError('workspace_unreachable', `url: ${message}`, [{ field: 'args.url', message }]);
    }
    case 'bad_response': {
      const message = `${host} did not answer like a Hookscope team server: check the address (the one your team opens Hookscope at)`;
      return new HookscopeError('workspace_unreachable', `url: ${message}`, [{ field: 'args.url', message }]);
    }
    default:
      return new HookscopeError(error.code, `The workspace at ${host} answered: ${error.message}`);
  }
}
