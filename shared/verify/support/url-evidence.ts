/** URLs shown in evidence with credential-like query values and userinfo masked. */
const SENSITIVE = /^(token|sig|signature|secret|api_secret|api-secret|apikey|api_key|key|password|auth)$/i;

export function maskUrl(url: string): string {
  const q = url.indexOf('?');
  let head = q < 0 ? url : url.slice(0, q);
  head = head.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/@]*@/i, '$1…@');
  if (q < 0) return head;
  const query = url
    .slice(q + 1)
    .split('&')
    .map((part) => {
      const eq = part.indexOf('=');
      if (eq < 0) return part;
      return SENSITIVE.test(part.slice(0, eq)) ? `${part.slice(0, eq)}=…` : part;
    })
    .join('&');
  return `${head}?${query}`;
}
