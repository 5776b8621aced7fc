/** GitHub: X-Hub-Signature-256 "sha256=<hex HMAC-SHA256(secret, raw body)>"; no timestamp; X-GitHub-Delivery. */
import { utf8 } from '../support/bytes';
import { toHex } from '../support/encoding';
import { isObject } from '../support/json-path';
import {
  baseRequest,
  eventTypeToSign,
  hmacParts,
  isHmacAlgorithm,
  otherShaAlgorithms,
  readHeaderSignature,
  resignedRequest,
  sigMissing,
  utf8Key,
  uuid,
} from './common';
import type { CryptoPort } from '../ports';
import { hasHeader } from '../support/set-headers';
import type { Preset } from './types';

const LEGACY_HEADER = 'X-Hub-Signature';

const HEADER = 'X-Hub-Signature-256';

export const GITHUB_EVENT_TYPES = [
  'branch_protection_rule',
  'check_run',
  'check_suite',
  'code_scanning_alert',
  'commit_comment',
  'create',
  'delete',
  'dependabot_alert',
  'deployment',
  'deployment_status',
  'discussion',
  'discussion_comment',
  'fork',
  'gollum',
  'installation',
  'installation_repositories',
  'issue_comment',
  'issues',
  'label',
  'member',
  'membership',
  'merge_group',
  'meta',
  'milestone',
  'organization',
  'package',
  'page_build',
  'ping',
  'project',
  'public',
  'pull_request',
  'pull_request_review',
  'pull_request_review_comment',
  'pull_request_review_thread',
  'push',
  'registry_package',
  'release',
  'repository',
  'repository_dispatch',
  'secret_scanning_alert',
  'security_advisory',
  'star',
  'status',
  'team',
  'team_add',
  'watch',
  'workflow_dispatch',
  'workflow_job',
  'workflow_run',
] as const;

/** the X-GitHub-Event a body belongs to, when the caller did not say */
export function inferGithubEvent(body: unknown): string {
  if (!isObject(body)) return 'ping';
  if ('zen' in body && 'hook_id' in body) return 'ping';
  if ('ref' in body && 'commits' in body) return 'push';
  for (const key of ['pull_request', 'issue', 'release', 'workflow_run', 'workflow_job', 'check_run', 'check_suite', 'deployment']) {
    if (key in body) return key === 'issue' ? ('comment' in body ? 'issue_comment' : 'issues') : key;
  }
  if ('starred_at' in body) return 'star';
  return 'ping';
}

/** X-Hub-Signature-256 and its legacy SHA-1 companion over the same bytes */
function githubSignatures(crypto: CryptoPort, secret: string, body: Uint8Array): { sha256: string; sha1: string } {
  const key = utf8(secret);
  return { sha256: `sha256=${toHex(hmacParts(crypto, 'sha256', key, [body]))}`, sha1: `sha1=${toHex(hmacParts(crypto, 'sha1', key, [body]))}` };
}

export const github: Preset = {
  id: 'github',
  label: 'GitHub',
  signatureHeader: () => HEADER,
  hasTimestamp: () => false,
  eventTypes: GITHUB_EVENT_TYPES,
  bodyFormat: (ctx) => (ctx.mediaType === 'application/x-www-form-urlencoded' ? 'form' : 'json'),
  readSignature(ctx) {
    const sig = readHeaderSignature(ctx, HEADER, 'hex');
    if (sig.status === 'missing' && ctx.header(LEGACY_HEADER) !== null) {
      return { ...sigMissing(HEADER), problem: 'only the legacy SHA-1 X-Hub-Signature header was sent' };
    }
    return sig;
  },
  algorithms: () => ['sha256'],
  otherAlgorithms: () => otherShaAlgorithms('sha256'),
  keyFromSecret: utf8Key,
  compute: (ctx, _sig, input) =>
    isHmacAlgorithm(input.algorithm) ? hmacParts(ctx.crypto, input.algorithm, input.key, [input.body]) : null,
  format: (_ctx, mac, algorithm) => `${algorithm}=${toHex(mac)}`,
  readTimestamp: () => ({ kind: 'unavailable', code: 'no_timestamp_in_scheme', reason: 'GitHub signs no timestamp' }),
  eventType: (ctx) => ctx.header('X-GitHub-Event'),
  idempotencyKey(ctx) {
    const id = ctx.header('X-GitHub-Delivery');
    return id ? { key: id, source: 'X-GitHub-Delivery header' } : null;
  },
  sign(args, crypto) {
    const signatures = githubSignatures(crypto, args.secret, args.body);
    const event = eventTypeToSign(args, inferGithubEvent, 'ping');
    return baseRequest(args, [
      ['User-Agent', 'GitHub-Hookshot/a1b2c3d'],
      ['X-GitHub-Event', event],
      ['X-GitHub-Delivery', args.id ?? uuid(crypto)],
      ['X-GitHub-Hook-ID', '512345678'],
      ['X-GitHub-Hook-Installation-Target-Type', 'repository'],
      ['X-GitHub-Hook-Installation-Target-ID', '701234567'],
      [LEGACY_HEADER, signatures.sha1],
      [HEADER, signatures.sha256],
    ]);
  },
  resign(args, crypto) {
    const signatures = githubSignatures(crypto, args.secret, args.body);
    // the SHA-1 companion is re-computed when the capture had one: a stale one next to a fresh SHA-256 misleads
    const proof: Array<[string, string]> = [[HEADER, signatures.sha256]];
    if (hasHeader(args.headers, LEGACY_HEADER)) proof.push([LEGACY_HEADER, signatures.sha1]);
    return resignedRequest(args, proof);
  },
};
