/** What goes into the blind index (erasure by value without storing values). */
import { extractBlindValues, isCredentialHeader, isSignatureHeader } from '../../../shared/redact';

/** normalised blind values of a delivery: body, request target and header values (credentials and signatures left out) */
export function blindValuesOf(bodyText: string, target: string, headers: ReadonlyArray<readonly [string, string]>): string[] {
  const headerText = headers.filter(([k]) => !isSignatureHeader(k) && !isCredentialHeader(k)).map(([, v]) => v);
  return extractBlindValues([bodyText, target, ...headerText].join('\n'));
}
