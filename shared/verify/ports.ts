/** Injected ports: the verify engine has no I/O of its own, so it runs in Node and in Chromium. */
export type HashAlgorithm = 'md5' | 'sha1' | 'sha256' | 'sha512';

export interface CryptoPort {
  hmac(algorithm: HashAlgorithm, key: Uint8Array | string, data: Uint8Array | string): Uint8Array;
  hash(algorithm: HashAlgorithm, data: Uint8Array | string): Uint8Array;
  /** constant-time; false (not a throw) when lengths differ */
  timingSafeEqual(a: Uint8Array, b: Uint8Array): boolean;
  randomBytes(length: number): Uint8Array;
}

export interface Clock {
  /** epoch milliseconds */
  now(): number;
}
