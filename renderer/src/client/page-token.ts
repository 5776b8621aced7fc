/**
 * The UI token arrives once in the page URL (?token=…). Keep it in sessionStorage (survives reloads of
 * this tab) and strip it from the address bar so it is not shared with a screenshot or a copied URL.
 */
const KEY = 'hookscope.token';

export function takePageToken(): string | null {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    try {
      window.sessionStorage.setItem(KEY, fromUrl);
    } catch {
      // storage can be disabled; the token still works for this page load
    }
    url.searchParams.delete('token');
    window.history.replaceState(window.history.state, '', url.pathname + url.search + url.hash);
    return fromUrl;
  }
  try {
    return window.sessionStorage.getItem(KEY);
  } catch {
    return null;
  }
}

/** whether this tab ever had a token (a link opened in a new tab has none) */
export function hasPageToken(): boolean {
  try {
    return window.sessionStorage.getItem(KEY) !== null;
  } catch {
    return true;
  }
}
