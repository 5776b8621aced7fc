/** Node keeps headers in wire order as a flat [name, value, name, value…] list; pair it up. */
export function pairRawHeaders(raw: string[]): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (let i = 0; i + 1 < raw.length; i += 2) out.push([raw[i], raw[i + 1]]);
  return out;
}
