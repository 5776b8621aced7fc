/**
 * Issue 13, "done when": none of 30+ real-looking credentials (PEM keys, JWTs, provider tokens,
 * private_key, api_key …) sent in bodies (JSON, form, text), queries and headers — to a source and to
 * an unknown path — appears in any file of the data directory or in the log (debug level).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac, generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { apiCall, startChildServe } from '../../../helpers/child-serve';
import { filesUnder } from '../../../helpers/files-under';

const SECRET = 'corpus-signing-secret-4Kq9Vb2Nx7Lm3Pw8';
const alnum = (n: number): string => {
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  return Array.from(randomBytes(n), (b) => chars[b % chars.length]).join('');
};
const upperNum = (n: number): string => Array.from(randomBytes(n), (b) => 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'[b % 32]).join('');
const b64url = (v: unknown): string => Buffer.from(JSON.stringify(v)).toString('base64url');
function jwt(claims: Record<string, unknown>): string {
  const head = `${b64url({ alg: 'HS256', typ: 'JWT' })}.${b64url(claims)}`;
  return `${head}.${createHmac('sha256', 'jwt-key').update(head).digest('base64url')}`;
}
const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'sec1', format: 'pem' }).toString();

/** distinctive parts of each credential (a PEM key is checked through a line of its base64) */
const C = {
  pemRsa: rsa, pemEc: ec,
  jwt1: jwt({ sub: 'user_8812', iat: 1765000000 }), jwt2: jwt({ sub: 'svc', scope: 'admin' }), jwt3: jwt({ aud: 'hooks' }),
  stripe: `sk_live_51${alnum(40)}`, stripeRk: `rk_live_51${alnum(30)}`, whsec: `whsec_${randomBytes(24).toString('base64')}`,
  ghp: `ghp_${alnum(36)}`, gho: `gho_${alnum(36)}`, ghPat: `github_pat_11${alnum(20)}_${alnum(59)}`,
  xoxb: `xoxb-${Date.now()}1-${Date.now()}2-${alnum(24)}`, xoxp: `xoxp-${Date.now()}3-${Date.now()}4-${alnum(32)}`,
  akia: `AKIA${upperNum(16)}`, awsSecret: `${alnum(30)}/${alnum(9)}`, google: `AIza${alnum(35)}`, npm: `npm_${alnum(36)}`,
  glpat: `glpat-${alnum(20)}`, sendgrid: `SG.${alnum(22)}.${alnum(43)}`,
  apiKey: randomBytes(16).toString('hex'), apiKeyCamel: `ak-${alnum(28)}`, password: `Correct-Horse-${alnum(10)}`,
  clientSecret: `cs_${alnum(32)}`, accessToken: `at.${alnum(40)}`, refreshToken: `rt.${alnum(40)}`, session: `s%3A${alnum(32)}`,
  cookie: `sid=${alnum(30)}`, basic: Buffer.from(`admin:${alnum(16)}`).toString('base64'), xApiKey: `xk_${alnum(30)}`,
  queryToken: `qt_${alnum(30)}`, queryPassword: `qp-${alnum(18)}`, formPasswd: `fp-${alnum(18)}`, ssn: '219-09-9999',
  iban: 'DE89370400440532013000', pin: '58203917', signingSecret: `ss_${alnum(30)}`, credPass: `cp_${alnum(24)}`,
  twilioAuth: randomBytes(16).toString('hex'), nestedPk: `-----BEGIN PRIVATE KEY-----\nMIIEv${alnum(60)}\n-----END PRIVATE KEY-----`,
};

function needlesOf(value: string): string[] {
  if (!value.includes('-----BEGIN')) return [value];
  // a PEM is found by any of its base64 lines, whether stored with real or with escaped newlines
  return value.split('\n').filter((l) => l.length >= 24 && !l.startsWith('-----'));
}

function sign(body: string): Record<string, string> {
  return { 'x-blackbox-signature': createHmac('sha256', SECRET).update(body).digest('hex') };
}

test('30+ real-looking credentials in bodies, queries and headers: none reaches the data directory or the log', async () => {
  assert.ok(Object.keys(C).length >= 30);
  const dir = mkdtempSync(join(tmpdir(), 'hookscope-creds-'));
  const config = join(dir, 'config.json');
  writeFileSync(config, JSON.stringify({ sources: [{ id: 'blackbox', provider: 'blackbox', secrets: ['env:BB'], rateLimit: null }] }));
  const dataDir = join(dir, 'data');
  const serve = await startChildServe(['--config', config, '--data-dir', dataDir, '--log-level', 'debug', '--log-format', 'json'], { BB: SECRET });
  try {
    const json = JSON.stringify({
      event: 'CompletedWebHookPayload', eventId: `evt_${alnum(12)}`, timestamp: new Date().toISOString(),
      data: {
        callId: `call_${alnum(8)}`, agentId: 'a1',
        private_key: C.pemRsa, cert_data: C.pemEc, id_token: C.jwt1, note: `assertion ${C.jwt2} and ${C.whsec}`,
        stripe: C.stripe, github: { token_value: C.ghPat }, slack: [C.xoxb], aws_access_key_id: C.akia,
        aws_secret_access_key: C.awsSecret, mail: { sendgrid: C.sendgrid }, api_key: C.apiKey, apiKey: C.apiKeyCamel,
        password: C.password, client_secret: C.clientSecret, access_token: C.accessToken, refreshToken: C.refreshToken,
        session: C.session, ssn: C.ssn, iban: C.iban, pin: C.pin, integration: { signing_secret: C.signingSecret },
        credentials: { user: 'svc', pass: C.credPass }, twilio_auth_token: C.twilioAuth,
        service_account: JSON.stringify({ type: 'service_account', private_key: C.nestedPk }),
      },
    });
    const form = `rk=${encodeURIComponent(C.stripeRk)}&user_token=${encodeURIComponent(C.xoxp)}&passwd=${encodeURIComponent(C.formPasswd)}`;
    const text = `npm config set //registry/:_authToken=${C.npm}\n${C.pemEc}\nfallback ${C.gho}`;
    const query = `?jwt=${C.jwt3}&gh=${C.gho}&key=${C.google}&access_token=${C.queryToken}&password=${C.queryPassword}`;
    const headers = {
      cookie: C.cookie, authorization: `Basic ${C.basic}`, 'x-api-key': C.xApiKey, 'x-gitlab-token': C.glpat,
      'x-custom-assertion': C.jwt3, 'x-deploy-info': `pat ${C.ghp}`,
    };
    const sends: Array<[string, string, Record<string, string>]> = [
      [`/hooks/blackbox${query}`, json, { 'content-type': 'application/json', ...headers }],
      [`/hooks/blackbox${query}`, form, { 'content-type': 'application/x-www-form-urlencoded', ...headers }],
      [`/hooks/blackbox`, text, { 'content-type': 'text/plain', ...headers }],
      [`/hooks/no-such-source${query}`, json, { 'content-type': 'application/json', ...headers }],
    ];
    const statuses: number[] = [];
    for (const [path, body, hdrs] of sends) {
      const res = await fetch(`${serve.receiver}${path}`, { method: 'POST', headers: { ...hdrs, ...sign(body) }, body });
      statuses.push(res.status);
      await res.arrayBuffer();
    }
    assert.deepEqual(statuses, [200, 400, 400, 404]);
    // every view the API gives is masked too
    const page = await apiCall<{ items: Array<{ id: string }> }>(serve.ui, 'listDeliveries', { limit: 10 });
    assert.equal(page.items.length, 4);
    const shown = JSON.stringify(await Promise.all(page.items.map((i) => apiCall(serve.ui, 'getDelivery', { id: i.id }))));
    const exported = JSON.stringify(await apiCall(serve.ui, 'exportDeliveries', { ids: page.items.map((i) => i.id), format: 'har' }));
    const leaks = (where: string, haystack: string) =>
      Object.entries(C).flatMap(([name, value]) => needlesOf(value).filter((n) => haystack.includes(n)).map(() => `${where}: ${name}`));
    assert.deepEqual([...leaks('getDelivery', shown), ...leaks('export', exported)], []);
    assert.match(shown, /«redacted pem/);
    assert.match(shown, /«redacted jwt/);
  } finally {
    serve.child.kill('SIGTERM');
    await serve.exited;
  }
  try {
    const hits: string[] = [];
    const scanned = filesUnder(dataDir).filter((f) => !f.endsWith('data.key'));
    assert.ok(scanned.some((f) => f.endsWith('hookscope.db')));
    for (const file of scanned) {
      const bytes = readFileSync(file);
      for (const [name, value] of Object.entries(C)) {
        for (const n of needlesOf(value)) if (bytes.includes(Buffer.from(n)) || bytes.includes(Buffer.from(encodeURIComponent(n)))) hits.push(`${file}: ${name}`);
      }
    }
    const log = serve.stderr();
    for (const [name, value] of Object.entries(C)) for (const n of needlesOf(value)) if (log.includes(n)) hits.push(`log: ${name}`);
    assert.deepEqual([...new Set(hits)], []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
