/** GitHub deliveries (compact JSON, no trailing newline): ping, push, pull_request, issues, and a generic shape. */
import { utf8 } from '../support/bytes';
import { type Sample, type SampleOptions, JSON_TYPE, iso, secs } from './types';

const REPO = {
  id: 701234567,
  node_id: 'R_kgDOKfZ1hw',
  name: 'webhook-demo',
  full_name: 'octo-org/webhook-demo',
  private: true,
  owner: { login: 'octo-org', id: 9919, type: 'Organization' },
  html_url: 'https://github.com/octo-org/webhook-demo',
  default_branch: 'main',
};
const SENDER = { login: 'janedoe', id: 583231, type: 'User', site_admin: false };

export function githubSample(opts: SampleOptions): Sample {
  const eventType = opts.eventType ?? 'push';
  const sha = (opts.randomId() + opts.randomId() + '0'.repeat(40)).replace(/[^0-9a-f]/g, '0').slice(0, 40);
  let body: Record<string, unknown>;
  if (eventType === 'ping') {
    body = {
      zen: 'Design for failure.',
      hook_id: 512345678,
      hook: { type: 'Repository', id: 512345678, name: 'web', active: true, events: ['push', 'pull_request'], config: { content_type: 'json', insecure_ssl: '0', url: 'https://example.ngrok.app/hooks/github' } },
      repository: REPO,
      sender: SENDER,
    };
  } else if (eventType === 'push') {
    const commit = {
      id: sha,
      tree_id: sha.split('').reverse().join(''),
      distinct: true,
      message: 'Verify webhook signatures over the raw body',
      timestamp: iso(opts.now),
      url: `${REPO.html_url}/commit/${sha}`,
      author: { name: 'Jane Doe', email: 'jane.doe@example.com', username: 'janedoe' },
      committer: { name: 'Jane Doe', email: 'jane.doe@example.com', username: 'janedoe' },
      added: ['src/webhooks/verify.ts'],
      removed: [],
      modified: ['src/server.ts'],
    };
    body = {
      ref: 'refs/heads/main',
      before: '0'.repeat(40),
      after: sha,
      repository: { ...REPO, pushed_at: secs(opts.now) },
      pusher: { name: 'janedoe', email: 'jane.doe@example.com' },
      sender: SENDER,
      created: false,
      deleted: false,
      forced: false,
      compare: `${REPO.html_url}/compare/${sha.slice(0, 12)}`,
      commits: [commit],
      head_commit: commit,
    };
  } else if (eventType === 'pull_request') {
    body = {
      action: 'opened',
      number: 42,
      pull_request: {
        id: 1789012345,
        number: 42,
        state: 'open',
        title: 'Add webhook signature verification',
        user: SENDER,
        body: 'Verifies X-Hub-Signature-256 with a constant-time compare.',
        created_at: iso(opts.now),
        head: { ref: 'feature/verify', sha },
        base: { ref: 'main', sha: '0'.repeat(40) },
        draft: false,
        merged: false,
      },
      repository: REPO,
      sender: SENDER,
    };
  } else if (eventType === 'issues') {
    body = {
      action: 'opened',
      issue: { id: 2012345678, number: 17, title: 'Webhook retries are processed twice', state: 'open', user: SENDER, body: 'Deliveries with the same X-GitHub-Delivery run twice.', created_at: iso(opts.now) },
      repository: REPO,
      sender: SENDER,
    };
  } else {
    body = { action: 'created', repository: REPO, sender: SENDER };
  }
  return { body: utf8(JSON.stringify(body)), contentType: JSON_TYPE, eventType };
}
