/** Redaction rules and detectors (docs/architecture.md "Storage"), and normalisation for the erasure blind index. */
export { createRedactor, type Redactor, type RedactionConfig } from './redactor';
export { extractBlindValues, normalizeErasureValue, type ErasureQuery } from './blind-values';
export { redactText, detectorSet, type Detectors, type DetectorName } from './detect-text';
export { isSignatureHeader, isCredentialHeader } from './headers';
export { findEmails, isEmail } from './email';
export { luhnValid } from './luhn';
