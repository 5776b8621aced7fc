/** Turns a network error into one sentence that says what to check. Never includes headers or bodies. */
export function describeSendError(error: unknown, url: URL, timeoutMs: number): string {
  const code = (error as { code?: unknown }).code;
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  switch (code) {
    case 'ETIMEDOUT_HOOKSCOPE':
      return `no answer within ${timeoutMs} ms: the dev server must answer webhooks quickly (providers wait about 5 s)`;
    case 'ECONNREFUSED':
      return `connection refused: is your dev server running on port ${port}?`;
    case 'ECONNRESET':
    case 'EPIPE':
      return 'connection reset: the dev server closed the connection before answering';
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `host unreachable: nothing answers at ${url.hostname}:${port}`;
    case 'EADDRNOTAVAIL':
      return `address not available: ${url.hostname} cannot be reached from this machine`;
    case 'HPE_INVALID_CONSTANT':
    case 'HPE_INVALID_STATUS':
    case 'HPE_INVALID_HEADER_TOKEN':
      return 'the dev server answered with something that is not HTTP/1.1: check the scheme (http vs https) and the port';
    case 'EPROTO':
    case 'ERR_SSL_WRONG_VERSION_NUMBER':
      return 'TLS handshake failed: the target is probably plain http; use an http:// URL';
    default: {
      const message = error instanceof Error ? error.message : String(error);
      return typeof code === 'string' ? `${code}: ${message}` : message;
    }
  }
}
