import type { TestEventKind } from '../../../shared/api';

export const TEST_EVENT_KINDS: Array<{ kind: TestEventKind; label: string }> = [
  { kind: 'valid', label: 'Valid, signed' },
  { kind: 'bad_signature', label: 'Bad signature' },
  { kind: 'stale_timestamp', label: 'Stale timestamp' },
  { kind: 'duplicate', label: 'Duplicate' },
  { kind: 'reserialized_json', label: 'Re-serialised JSON' },
];
