/** A number when the text is one, else the text itself so the server's validation names the field. */
export function numberOrText(text: string): number | string {
  const t = text.trim();
  return /^-?\d+(\.\d+)?$/.test(t) ? Number(t) : t;
}
