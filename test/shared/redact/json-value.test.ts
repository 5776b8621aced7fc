import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultConfig } from '../../../shared/config';
import { createRedactor } from '../../../shared/redact';

const cfg = defaultConfig().redaction;

/** value(v) must give exactly what the JSON text scanner gives for JSON.stringify(v) */
function same(v: unknown): void {
  const r = createRedactor(cfg);
  const expected = createRedactor(cfg).json(JSON.stringify(v));
  assert.equal(r.value(v), expected);
  // again: the remembered positions (text, then snapshot) give the same answer
  for (let i = 0; i < 6; i++) assert.equal(r.value(v), expected);
}

const CASES: Record<string, unknown> = {
  'nothing to mask': { id: 'payload', outcome: 'pass', summary: 'Well-formed json payload.', detail: { bytes: 1024, ok: true, none: null }, diagnosis: [] },
  'detectors in strings': { summary: 'call +1 (415) 555-0100 or bob@corp.io, card 4242 4242 4242 4242', detail: { note: 'x 020 7946 0958' } },
  'configured keys, any depth and type': {
    detail: { phoneNumber: '+14155550100', Email: 'Bob@Example.com', transcript: { lines: ['hi'] }, nested: [{ phone_number: 14155550100 }] },
    diagnosis: [{ code: 'x', summary: 'y', transcript: [1, 2] }, { email: null }, { email: true }],
  },
  'credential keys': { detail: { secret: 'secrets[0]', api_key: 'k', password: 12, token: ['a'], key: 'kept' } },
  'phone-named keys and card numbers': { detail: { from: '447700900000', to: 447700900001, card: 4242424242424242, ts: 1732270000123, phones: ['14155550100'] } },
  'numbers, NaN, infinities, -0, big': { detail: { a: NaN, b: Infinity, c: -0, d: 1e21, e: 0.1, email: NaN } },
  'undefined, functions and symbols': { detail: { u: undefined, f: () => 1, s: Symbol('s'), arr: [undefined, () => 1, 'a@b.io'] } },
  'a key that is masked itself falls back to the text scanner': { detail: { 'bob@corp.io': 1, 'carol@corp.io': 2, other: 'a@b.io' } },
  'a __proto__ key stays a key': JSON.parse('{"__proto__": {"email": "a@b.io"}, "x": "c@d.io"}') as unknown,
  'toJSON (a Date) is serialised first': { detail: { at: new Date(Date.UTC(2026, 0, 15)), note: 'a@b.io' } },
  'escapes and lone surrogates': { detail: { s: 'quote " back \\ nl \n \ud800 a@b.io', t: '\u2028' } },
  'a top-level string and number': 'reach 415-555-0100',
};

describe('redactor.value: the same as json(JSON.stringify(value))', () => {
  for (const [name, v] of Object.entries(CASES)) test(name, () => same(v));

  test('an array of checks, element by element and as a whole', () => {
    const checks = Object.values(CASES);
    same(checks);
    same([...checks].reverse());
    same([checks[0], undefined, checks[1]]);
  });

  test('a remembered element that changes in place, gains a key, reorders or grows toJSON is redacted afresh', () => {
    const r = createRedactor(cfg);
    const check = { summary: 'clean', detail: { a: 1, b: 'x' } as Record<string, unknown>, diagnosis: [] as unknown[] };
    const changes: Array<() => void> = [
      () => (check.detail.b = 'bob@corp.io'),
      () => (check.detail.c = undefined),
      () => (check.detail = { b: 'bob@corp.io', a: 1 }),
      () => (check.detail.a = NaN),
      () => (check.detail.a = 4242424242424242),
      () => check.diagnosis.push({ code: 'x', summary: 'call 415-555-0100' }),
      () => (check.detail = Object.assign(Object.create({ inherited: 'a@b.io' }) as object, { a: 1 })),
      () => ((check.detail as { toJSON?: () => unknown }).toJSON = () => 'carol@corp.io'),
      () => (check.summary = 'clean again'),
    ];
    for (const change of changes) {
      change();
      for (let i = 0; i < 6; i++) assert.equal(r.value([check]), r.json(JSON.stringify([check])));
    }
  });

  test('arrays with toJSON, array subclasses and inherited keys are never taken as clean', () => {
    const withToJson = Object.assign(['x'], { toJSON: () => 'bob@corp.io' });
    class Listing extends Array<string> {
      toJSON(): string {
        return 'carol@corp.io';
      }
    }
    same([withToJson]);
    same([{ s: 'a@b.io', l: withToJson }]);
    same([Listing.from(['y'])]);
    // a nested array that grows toJSON after its element was remembered (text, then snapshot)
    const r = createRedactor(cfg);
    const check = { detail: { list: ['clean'] as string[] } };
    for (let i = 0; i < 6; i++) r.value([check]);
    (check.detail.list as unknown as { toJSON: () => string }).toJSON = () => 'dave@corp.io';
    assert.equal(r.value([check]), r.json(JSON.stringify([check])));
    assert.doesNotMatch(r.value([check]), /dave@corp\.io/);
    // an enumerable key inherited from a polluted prototype is left out, as JSON.stringify does
    const proto = Object.prototype as Record<string, unknown>;
    proto.polluted = 'eve@corp.io';
    try {
      same([{ s: 'clean' }]);
    } finally {
      delete proto.polluted;
    }
  });

  test('the remembered positions follow a change of element', () => {
    const r = createRedactor(cfg);
    const a = [{ s: 'clean' }, { s: 'a@b.io' }];
    const b = [{ s: 'c@d.io' }, { s: 'clean' }];
    for (const v of [a, b, a, b]) assert.equal(r.value(v), r.json(JSON.stringify(v)));
  });
});
