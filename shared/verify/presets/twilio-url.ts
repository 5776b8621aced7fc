/** URL forms Twilio's validator accepts, and the near misses the wrong_url diagnosis tries. */

function userinfo(u: URL): string {
  if (!u.username && !u.password) return '';
  return `${u.username}${u.password ? `:${u.password}` : ''}@`;
}

/** the URL with its port removed (twilio-node removePort) */
export function withoutPort(url: string): string {
  try {
    const u = new URL(url);
    u.port = '';
    return u.href;
  } catch {
    return url;
  }
}

/** the URL with the scheme's default port written out when it has none (twilio-node addPort) */
export function withDefaultPort(url: string): string {
  try {
    const u = new URL(url);
    if (u.port) return u.href;
    const port = u.protocol === 'https:' ? 443 : 80;
    return `${u.protocol}//${userinfo(u)}${u.hostname}:${port}${u.pathname}${u.search}${u.hash}`;
  } catch {
    return url;
  }
}

export function otherScheme(url: string): string {
  if (url.startsWith('https://')) return `http://${url.slice(8)}`;
  if (url.startsWith('http://')) return `https://${url.slice(7)}`;
  return url;
}

export function toggleTrailingSlash(url: string): string {
  try {
    const u = new URL(url);
    u.pathname = u.pathname.endsWith('/') && u.pathname.length > 1 ? u.pathname.slice(0, -1) : `${u.pathname}/`;
    return u.href;
  } catch {
    return url;
  }
}

export function unique(values: string[]): string[] {
  return [...new Set(values)];
}
