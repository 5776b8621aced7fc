/** Evidence helpers: what may be shown about received values (never secrets or expected signatures). */
export function preview(value: string): string {
  return `${value.slice(0, 6)}… (${value.length} chars)`;
}

/** a short, printable excerpt of an untrusted value for detail fields */
export function excerpt(value: string, max = 64): string {
  const printable = /[\u0000-\u001f\u007f]/.test(value) ? value.replace(/[\u0000-\u001f\u007f]/g, '?') : value;
  return printable.length > max ? `${printable.slice(0, max)}…` : printable;
}
