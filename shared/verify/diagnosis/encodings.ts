/** Recognises a MAC in any common text form (hex, upper-case hex, base64, base64url), with or without a prefix. */
import { toBase64, toBase64Unpadded, toBase64Url, toHex } from '../support/encoding';

export interface EncodedForm {
  /** e.g. "lower-case hex", "base64" */
  encoding: string;
  /** text before the encoded MAC, e.g. "sha256=" ('' when none) */
  prefix: string;
}

function encodings(mac: Uint8Array): Array<[string, string]> {
  const hex = toHex(mac);
  return [
    ['lower-case hex', hex],
    ['upper-case hex', hex.toUpperCase()],
    ['base64', toBase64(mac)],
    ['unpadded base64', toBase64Unpadded(mac)],
    ['base64url', toBase64Url(mac)],
  ];
}

/** how `text` carries `mac`, or null when it does not */
export function findForm(text: string, mac: Uint8Array): EncodedForm | null {
  const forms = encodings(mac);
  for (const [encoding, value] of forms) {
    if (text === value) return { encoding, prefix: '' };
    if (text.length > value.length && text.endsWith(value)) {
      const prefix = text.slice(0, text.length - value.length);
      if (/^[A-Za-z0-9_-]{1,16}[=,:]$/.test(prefix)) return { encoding, prefix };
    }
  }
  return null;
}

export function describeForm(form: EncodedForm): string {
  return form.prefix ? `${form.encoding} with the prefix "${form.prefix}"` : `${form.encoding} with no prefix`;
}
