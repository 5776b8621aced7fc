/** Every public test vector of signature-schemes.md, through the chain and (where inputs fix the output) the signer. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { runChain } from '../../../shared/verify/chain';
import { signRequest } from '../../../shared/verify/signer';
import { decodeJwt, hs256, verifyJwtHs256 } from '../../../shared/verify/presets/jwt';
import { vonageSmsBase, vonageSmsSignature } from '../../../shared/verify/presets/vonage-sms';
import { toHex } from '../../../shared/verify/support/encoding';
import { serializeParams } from '../../../shared/verify/support/form';
import type { InboundRequest } from '../../../shared/verify/types';
import { nodeCryptoPort } from '../../helpers/node-crypto-port';
import { type SecretSpec, enc, makePorts, makeRequest, makeSource } from './fixtures';
import type { ProviderId } from '../../../shared/providers';

function run(provider: ProviderId, req: Partial<InboundRequest>, secrets: SecretSpec[], config: Record<string, unknown> = {}) {
  return runChain(makeRequest(req), makeSource(provider, { secrets, config }), makePorts());
}
const check = (out: ReturnType<typeof run>, id: string) => {
  const c = out.checks.find((x) => x.id === id);
  assert.ok(c, `check ${id}`);
  return c;
};
const header = (headers: Array<[string, string]>, name: string) => headers.find(([n]) => n.toLowerCase() === name.toLowerCase())?.[1];

describe('Stripe (stripe-dotnet EventUtilityTest)', () => {
  const payload =
    '{\n  "id": "evt_123",\n  "object": "event",\n  "account": "acct_123",\n  "api_version": "2017-05-25",\n  "created": 1533204620,\n  "data": {\n    "object": {\n      "id": "cus_123",\n      "object": "customer",\n      "created": 123456789,\n      "email": "test@stripe.com",\n      "livemode": false,\n      "metadata": {}\n    }\n  },\n  "livemode": false,\n  "pending_webhooks": 1,\n  "request": {\n    "id": "req_123",\n    "idempotency_key": "idempotency-key-123"\n  },\n  "type": "customer.created"\n}\n';
  const v1 = '2220f87ef101a04665f11cdf770523143f875572008577fa0f20882ddb9cc3c7';
  const sigHeader = `t=1533204620,v1=${v1},v0=63f3a72374a733066c4be69ed7f8e5ac85c22c9f0a6a612ab9a025a9e4ee7eef`;
  const t = 1533204620_000;
  const req = (receivedAt: number) => ({ body: enc(payload), receivedAt, rawHeaders: [['Stripe-Signature', sigHeader], ['Content-Type', 'application/json']] as Array<[string, string]> });

  test('now = t+100 is verified', () => {
    const out = run('stripe', req(t + 100_000), ['webhook_secret']);
    assert.equal(out.verdict, 'verified');
    assert.equal(out.status, 200);
    assert.equal(check(out, 'signature').code, 'ok');
    assert.equal(check(out, 'timestamp').detail.skewSeconds, 100);
    assert.equal(out.eventType, 'customer.created');
    assert.equal(out.idempotencyKey, 'evt_123');
  });

  test('now = t+400 is too_old (tolerance 300), signature still ok', () => {
    const out = run('stripe', req(t + 400_000), ['webhook_secret']);
    assert.equal(out.verdict, 'rejected');
    assert.equal(out.status, 401);
    assert.equal(check(out, 'signature').code, 'ok');
    assert.equal(check(out, 'timestamp').code, 'too_old');
    assert.equal(check(out, 'timestamp').detail.skewSeconds, 400);
  });

  test('any v1 may match', () => {
    const out = run('stripe', { ...req(t), rawHeaders: [['Stripe-Signature', `t=1533204620,v1=potato,v1=${v1}`]] }, ['webhook_secret']);
    assert.equal(check(out, 'signature').code, 'ok');
  });

  test('signRequest reproduces v1', () => {
    const signed = signRequest({ provider: 'stripe', secret: 'webhook_secret', body: enc(payload), contentType: 'application/json', url: 'http://127.0.0.1/x', now: t }, nodeCryptoPort);
    assert.equal(header(signed.headers, 'Stripe-Signature'), `t=1533204620,v1=${v1}`);
  });
});

describe('GitHub', () => {
  const cases = [
    { secret: "It's a Secret to Everybody", body: 'Hello, World!', sig: 'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17' },
    { secret: 'mysecret', body: '{"foo":"bar"}', sig: 'sha256=4864d2759938a15468b5df9ade20bf161da9b4f737ea61794142f3484236bda3' },
  ];
  for (const c of cases) {
    test(`${c.body}: chain and signer`, () => {
      const out = run('github', { body: enc(c.body), rawHeaders: [['X-Hub-Signature-256', c.sig], ['X-GitHub-Event', 'ping'], ['X-GitHub-Delivery', 'd-1']] }, [c.secret]);
      assert.equal(check(out, 'signature').code, 'ok');
      const signed = signRequest({ provider: 'github', secret: c.secret, body: enc(c.body), contentType: 'application/json', url: 'http://127.0.0.1/x', now: 0, eventType: 'ping' }, nodeCryptoPort);
      assert.equal(header(signed.headers, 'X-Hub-Signature-256'), c.sig);
    });
  }
});

describe('Slack (python-slack-sdk)', () => {
  const body =
    'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c';
  const secret = '8f742231b10e8888abcd99yyyzzz85a5';
  const expected = 'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503';
  test('verified through the chain at the signing time; signer reproduces it', () => {
    const out = run(
      'slack',
      {
        body: enc(body),
        receivedAt: 1531420618_000,
        rawHeaders: [['Content-Type', 'application/x-www-form-urlencoded'], ['X-Slack-Request-Timestamp', '1531420618'], ['X-Slack-Signature', expected]],
      },
      [secret],
    );
    assert.equal(out.verdict, 'verified');
    assert.equal(out.eventType, 'slash_command');
    const signed = signRequest({ provider: 'slack', secret, body: enc(body), contentType: 'application/x-www-form-urlencoded', url: 'http://127.0.0.1/x', now: 1531420618_000 }, nodeCryptoPort);
    assert.equal(header(signed.headers, 'X-Slack-Signature'), expected);
  });
  test('stale without the mock clock', () => {
    const out = run('slack', { body: enc(body), receivedAt: Date.UTC(2026, 0, 1), rawHeaders: [['X-Slack-Request-Timestamp', '1531420618'], ['X-Slack-Signature', expected]] }, [secret]);
    assert.equal(check(out, 'timestamp').code, 'too_old');
  });
});

describe('Standard Webhooks', () => {
  const vectors = [
    { key: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', id: 'msg_p5jXN8AQM9LWM0D4loKWxJek', ts: '1614265330', body: '{"test": 2432232314}', sig: 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=' },
    { key: 'whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD', id: 'msg_27UH4WbU6Z5A5EzD8u03UvzRbpk', ts: '1649367553', body: '{"email":"test@example.com","username":"test_user"}', sig: 'v1,tZ1I4/hDygAJgO5TYxiSd6Sd0kDW6hPenDe+bTa3Kkw=' },
  ];
  const req = (v: (typeof vectors)[number], signature: string, prefix = 'webhook') => ({
    body: enc(v.body),
    receivedAt: Number(v.ts) * 1000,
    rawHeaders: [[`${prefix}-id`, v.id], [`${prefix}-timestamp`, v.ts], [`${prefix}-signature`, signature]] as Array<[string, string]>,
  });
  for (const v of vectors) {
    test(`${v.id}: with and without whsec_, signer`, () => {
      for (const secret of [v.key, v.key.slice(6)]) {
        const out = run('standard-webhooks', req(v, v.sig), [secret]);
        assert.equal(out.verdict, 'verified', secret);
        assert.equal(out.idempotencyKey, v.id);
        const signed = signRequest({ provider: 'standard-webhooks', secret, body: enc(v.body), contentType: 'application/json', url: 'http://127.0.0.1/x', now: Number(v.ts) * 1000, id: v.id }, nodeCryptoPort);
        assert.equal(header(signed.headers, 'webhook-signature'), v.sig);
      }
    });
  }
  test('svix-* headers', () => {
    const out = run('standard-webhooks', req(vectors[0], vectors[0].sig, 'svix'), [vectors[0].key]);
    assert.equal(out.verdict, 'verified');
  });
  test('multi-signature list: any v1 matches', () => {
    const list = `v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc= v2,bad ${vectors[0].sig} v1,bad`;
    assert.equal(run('standard-webhooks', req(vectors[0], list), [vectors[0].key]).verdict, 'verified');
  });
  test('negative examples', () => {
    const wrong = run('standard-webhooks', req(vectors[0], 'v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc='), [vectors[0].key]);
    assert.equal(check(wrong, 'signature').code, 'no_matching_signature');
    assert.equal(check(run('standard-webhooks', req(vectors[0], 'v1,'), [vectors[0].key]), 'signature').code, 'malformed_signature');
    const truncated = run('standard-webhooks', req(vectors[0], vectors[0].sig.slice(0, -6)), [vectors[0].key]);
    assert.equal(check(truncated, 'signature').code, 'no_matching_signature');
  });
});

describe('Shopify', () => {
  test('validate.test.ts vector', () => {
    const body = '{"foo": "bar"}';
    const out = run(
      'shopify',
      {
        body: enc(body),
        rawHeaders: [
          ['X-Shopify-Hmac-Sha256', 'B23tXN681gZ0qIWNRrgtzBE9XSDo5yaUu6wfmhu3a7g='],
          ['X-Shopify-Topic', 'products/create'],
          ['X-Shopify-Shop-Domain', 'shop1.myshopify.io'],
          ['X-Shopify-API-Version', '2023-01'],
          ['X-Shopify-Webhook-Id', '123456789'],
        ],
      },
      ['test_secret_key'],
    );
    assert.equal(out.verdict, 'verified');
    assert.equal(out.eventType, 'products/create');
    assert.equal(out.idempotencyKey, '123456789');
    const signed = signRequest({ provider: 'shopify', secret: 'test_secret_key', body: enc(body), contentType: 'application/json', url: 'http://127.0.0.1/x', now: 0 }, nodeCryptoPort);
    assert.equal(header(signed.headers, 'X-Shopify-Hmac-Sha256'), 'B23tXN681gZ0qIWNRrgtzBE9XSDo5yaUu6wfmhu3a7g=');
  });
});

describe('Twilio (twilio-node validation.spec.js)', () => {
  const defaults: Array<[string, string]> = [
    ['CallSid', 'CA1234567890ABCDE'],
    ['Caller', '+14158675309'],
    ['Digits', '1234'],
    ['From', '+14158675309'],
    ['To', '+18005551212'],
  ];
  const form = (params: Array<[string, string]>) => enc(serializeParams(params));
  const json = '{"property": "value", "boolean": true}';
  const rows: Array<{ base: string; target: string; body: Uint8Array; type: string; sig: string; signer?: string }> = [
    { base: 'https://mycompany.com', target: '/myapp.php?foo=1&bar=2', body: form(defaults), type: 'form', sig: 'RSOYDt4T1cUTdK1PDd93/VVr8B8=', signer: 'https://mycompany.com/myapp.php?foo=1&bar=2' },
    { base: 'https://mycompany.com:443', target: '/myapp.php?foo=1&bar=2', body: form(defaults), type: 'form', sig: 'kvajT1Ptam85bY51eRf/AJRuM3w=' },
    { base: 'http://mycompany.com:1234', target: '/myapp.php?foo=1&bar=2', body: form(defaults), type: 'form', sig: 'Zmvh+3yNM1Phv2jhDCwEM3q5ebU=', signer: 'http://mycompany.com:1234/myapp.php?foo=1&bar=2' },
    { base: 'http://mycompany.com:80', target: '/myapp.php?foo=1&bar=2', body: form(defaults), type: 'form', sig: '0ZXoZLH/DfblKGATFgpif+LLRf4=' },
    { base: 'https://user:pass@mycompany.com', target: '/myapp.php?foo=1&bar=2', body: form(defaults), type: 'form', sig: 'CukzLTc1tT5dXEDIHm/tKBanW10=', signer: 'https://user:pass@mycompany.com/myapp.php?foo=1&bar=2' },
    { base: 'https://user@mycompany.com', target: '/myapp.php?foo=1&bar=2', body: form(defaults), type: 'form', sig: '2YRLlVAflCqxaNicjMpJcSTgzSs=', signer: 'https://user@mycompany.com/myapp.php?foo=1&bar=2' },
    { base: 'https://user:pass@mycompany.com:443', target: '/myapp.php?foo=1&bar=2', body: form(defaults), type: 'form', sig: 'ZQFR1PTIZXF2MXB8ZnKCvnnA+rI=' },
    { base: 'https://mycompany.com', target: "/myapp.php?foo=1&bar=2&Body=It's+amazing", body: form(defaults), type: 'form', sig: 'TfZzewPq8wqrGlMfyAud8+/IvJ0=', signer: "https://mycompany.com/myapp.php?foo=1&bar=2&Body=It's+amazing" },
    {
      base: 'https://mycompany.com',
      target: '/myapp.php?foo=1&bar=2',
      body: form([['MessagingBinding.Address', '+1415xxxxxxx'], ['MessagingBinding.Address', '+1325xxxxxxx']]),
      type: 'form',
      sig: '83O6e2vORAoJHUNzJjDWN1jz+BA=',
      signer: 'https://mycompany.com/myapp.php?foo=1&bar=2',
    },
    {
      base: 'https://mycompany.com',
      target: '/myapp.php?foo=1&bar=2',
      body: form([['Sid', 'CA123'], ['SidAccount', 'AC123'], ['Digits', '5678'], ['Digits', '1234'], ['Digits', '1234']]),
      type: 'form',
      sig: 'IK+Dwps556ElfBT0I3Rgjkr1wJU=',
      signer: 'https://mycompany.com/myapp.php?foo=1&bar=2',
    },
    { base: 'https://mycompany.com', target: '/myapp.php?foo=1&bar=2&bodySHA256=0a1ff7634d9ab3b95db5c9a2dfe9416e41502b283a80c7cf19632632f96e6620', body: enc(json), type: 'json', sig: 'a9nBmqA0ju/hNViExpshrM61xv4=', signer: 'https://mycompany.com/myapp.php?foo=1&bar=2' },
    { base: 'https://mycompany.com', target: '/myapp.php?bodySHA256=0a1ff7634d9ab3b95db5c9a2dfe9416e41502b283a80c7cf19632632f96e6620', body: enc(json), type: 'json', sig: 'y77kIzt2vzLz71DgmJGsen2scGs=', signer: 'https://mycompany.com/myapp.php' },
    { base: 'https://mycompany.com:443', target: '/myapp.php?foo=1&bar=2&bodySHA256=44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a', body: enc('{}'), type: 'json', sig: 'Ldidvp12m26NI7eqEvxnEpkd9Hc=' },
  ];
  for (const r of rows) {
    test(`${r.base}${r.target} (${r.type})`, () => {
      const out = run(
        'twilio',
        {
          target: r.target,
          body: r.body,
          viaTunnel: true,
          publicBaseUrl: r.base,
          rawHeaders: [['X-Forwarded-Proto', 'https'], ['Content-Type', r.type === 'json' ? 'application/json' : 'application/x-www-form-urlencoded'], ['X-Twilio-Signature', r.sig]],
        },
        ['12345'],
      );
      assert.equal(check(out, 'signature').code, 'ok', JSON.stringify(check(out, 'signature')));
      if (r.signer) {
        const signed = signRequest(
          { provider: 'twilio', secret: '12345', body: r.body, contentType: r.type === 'json' ? 'application/json' : 'application/x-www-form-urlencoded', url: r.signer, now: 0 },
          nodeCryptoPort,
        );
        assert.equal(header(signed.headers, 'X-Twilio-Signature'), r.sig);
      }
    });
  }
  test('JSON body that does not match bodySHA256 fails no_matching_signature (bodyBinding body_hash_mismatch)', () => {
    const out = run(
      'twilio',
      {
        target: rows[10].target,
        body: enc('{"property": "other", "boolean": true}'),
        viaTunnel: true,
        publicBaseUrl: 'https://mycompany.com',
        rawHeaders: [['X-Forwarded-Proto', 'https'], ['Content-Type', 'application/json'], ['X-Twilio-Signature', rows[10].sig]],
      },
      ['12345'],
    );
    assert.equal(check(out, 'signature').code, 'no_matching_signature');
    assert.equal(check(out, 'signature').detail.bodyBinding, 'body_hash_mismatch');
  });
});

describe('Vonage SMS signatures', () => {
  const nodeParams: Array<[string, string]> = [
    ['message-timestamp', '2013-11-21 15:27:30'],
    ['messageId', '020000001B0FE827'],
    ['msisdn', '14843472194'],
    ['text', 'Test again'],
    ['timestamp', '1385047698'],
    ['to', '13239877404'],
    ['type', 'text'],
  ];
  const node = [
    ['md5hash', 'd2e7b1dc968737c5998ad624e02f90b7'],
    ['md5', 'DDEBD46008C2D4E93CCE578A332A52D5'],
    ['sha1', '27D0D05C2876C7CB1720DBCDBA4D492E1E55C09A'],
    ['sha256', 'DDB8397C2B90AAC7F3882D306475C9A5058C92322EEF43C92B298B6E0FC0D330'],
    ['sha512', 'E0D3C650F8C9D1A5C174D10DDDBFB003E561F59B265616208B0487C5D819481CD3C311D59CF6165ECD1139622D5BA3A256C0D763AC4A9AD9144B5A426B94FE82'],
  ] as const;
  const secret = 'my_secret_key_for_testing';

  test('the documented base string', () => {
    assert.equal(vonageSmsBase(nodeParams), '&message-timestamp=2013-11-21 15:27:30&messageId=020000001B0FE827&msisdn=14843472194&text=Test again&timestamp=1385047698&to=13239877404&type=text');
  });

  for (const [method, sig] of node) {
    test(`node SDK ${method}: primitive, GET query and POST form through the chain`, () => {
      assert.equal(toHex(vonageSmsSignature(nodeCryptoPort, nodeParams, enc(secret), method)).toUpperCase(), sig.toUpperCase());
      const withSig: Array<[string, string]> = [...nodeParams, ['sig', sig]];
      const get = run('vonage-sms', { method: 'GET', target: `/hooks/sms?${serializeParams(withSig)}`, receivedAt: 1385047698_000 }, [secret]);
      assert.equal(get.verdict, 'verified', JSON.stringify(check(get, 'signature')));
      assert.equal(get.eventType, 'inbound-message');
      assert.equal(get.idempotencyKey, '020000001B0FE827');
      const post = run(
        'vonage-sms',
        { body: enc(serializeParams(withSig)), receivedAt: 1385047698_000, rawHeaders: [['Content-Type', 'application/x-www-form-urlencoded']] },
        [secret],
      );
      assert.equal(post.verdict, 'verified');
    });
  }

  const python: Array<{ params: Array<[string, string]>; sig: string; now: number }> = [
    { params: [['param1', 'value1'], ['param2', 'value2'], ['timestamp', '1234567890']], sig: '280c4320703dbc98bfa22db676655ed2acfbfe8792b062ff7622e67f1183c287', now: 1234567890 },
    { params: [['param1', 'value1'], ['param2', 'value2'], ['timestamp', '1234567890']], sig: '724c2bf6ca423c36e20631b11d1c5753', now: 1234567890 },
    { params: [['param1', 'value&1'], ['param2', 'value=2'], ['timestamp', '1234567890']], sig: '2bbf0abafb2c55e5af6231513896a2ac', now: 1234567890 },
    { params: [['param1', 'value1'], ['param2', 'value2'], ['timestamp', '12345']], sig: 'bc7e95bb4e341090b3a202a2885903a5', now: 12345 },
    { params: [['param', 'value'], ['timestamp', '1234567890']], sig: '655a4d0b7f064dff438defc52b012cf5', now: 1234567890 },
  ];
  for (const v of python) {
    test(`python SDK ${v.sig.slice(0, 8)} (lower-case hex) through the chain`, () => {
      const out = run('vonage-sms', { method: 'GET', target: `/hooks/sms?${serializeParams([...v.params, ['sig', v.sig]])}`, receivedAt: v.now * 1000 }, ['signature_secret']);
      assert.equal(check(out, 'signature').code, 'ok');
      assert.equal(check(out, 'timestamp').code, 'ok');
    });
  }
});

describe('Vonage JWT (vonage-python-sdk)', () => {
  const token =
    'eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJPbmxpbmUgSldUIEJ1aWxkZXIiLCJpYXQiOjE2OTc2MzQ2ODAsImV4cCI6MzMyNTQ1NDA4MjgsImF1ZCI6IiIsInN1YiI6IiJ9.88vJc3I2HhuqEDixHXVhc9R30tA6U_HQHZTC29y6CGM';
  const secret = 'qwertyuiopasdfghjklzxcvbnm123456';
  test('HS256 verifies with the secret, not with "asdf"; claims decode', () => {
    assert.equal(verifyJwtHs256(nodeCryptoPort, token, enc(secret)), true);
    assert.equal(verifyJwtHs256(nodeCryptoPort, token, enc('asdf')), false);
    const decoded = decodeJwt(token);
    assert.ok(decoded.ok);
    assert.equal(decoded.claims.iat, 1697634680);
    assert.equal(hs256(nodeCryptoPort, enc(secret), decoded.signingInput), decoded.signature);
  });
  test('through the chain: signature matches; no payload_hash → missing_payload_hash; iat is the timestamp', () => {
    const req = { body: enc('{"status":"answered"}'), receivedAt: 1697634680_000 + 5_000, rawHeaders: [['Authorization', `Bearer ${token}`]] as Array<[string, string]> };
    const out = run('vonage', req, [secret]);
    const sig = check(out, 'signature');
    assert.equal(sig.code, 'missing_payload_hash');
    assert.equal(sig.detail.secret, 'secrets[0]');
    assert.equal(check(out, 'timestamp').code, 'ok');
    assert.equal(check(out, 'timestamp').detail.skewSeconds, 5);
    assert.equal(check(run('vonage', req, ['asdf']), 'signature').code, 'no_matching_signature');
  });
});

describe('RFC 4231 test case 2 (DialNexa, generic-hmac)', () => {
  const body = enc('what do ya want for nothing?');
  const hex = '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843';
  test('dialnexa: bare hex and sha256= prefix', () => {
    for (const value of [hex, `sha256=${hex}`]) {
      const out = run('dialnexa', { body, rawHeaders: [['X-DialNexa-Signature', value]] }, ['Jefe']);
      assert.equal(check(out, 'signature').code, 'ok');
      assert.equal(check(out, 'payload').code, 'invalid_body', 'not JSON');
    }
    const signed = signRequest({ provider: 'dialnexa', secret: 'Jefe', body, contentType: 'application/json', url: 'http://127.0.0.1/x', now: 0 }, nodeCryptoPort);
    assert.equal(header(signed.headers, 'X-DialNexa-Signature'), hex);
  });
  test('dialnexa: GitHub docs vector with prefix', () => {
    const out = run('dialnexa', { body: enc('Hello, World!'), rawHeaders: [['X-DialNexa-Signature', 'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17']] }, ["It's a Secret to Everybody"]);
    assert.equal(check(out, 'signature').code, 'ok');
  });
  test('generic-hmac default scheme', () => {
    const scheme = { header: 'X-Signature' };
    const out = run('generic-hmac', { body, rawHeaders: [['X-Signature', hex]] }, ['Jefe'], { scheme });
    assert.equal(out.verdict, 'verified');
    const signed = signRequest(
      { provider: 'generic-hmac', scheme: { header: 'X-Signature', algorithm: 'sha256', encoding: 'hex', prefix: '', template: '{body}', timestamp: null, idempotency: null, eventType: null }, secret: 'Jefe', body, contentType: 'text/plain', url: 'http://127.0.0.1/x', now: 0 },
      nodeCryptoPort,
    );
    assert.equal(header(signed.headers, 'X-Signature'), hex);
  });
});
