import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { forwardHeaders, stripHopByHop } from '../../../../electron/core/forward/header-policy';

const captured: Array<[string, string]> = [
  ['Host', 'abc.ngrok.app'],
  ['User-Agent', 'Stripe/1.0'],
  ['Content-Length', '42'],
  ['Connection', 'keep-alive, X-Custom-Hop'],
  ['Keep-Alive', 'timeout=5'],
  ['Content-Type', 'application/json'],
  ['Proxy-Authorization', 'Basic abc'],
  ['TE', 'trailers'],
  ['Trailer', 'X-Foo'],
  ['Transfer-Encoding', 'chunked'],
  ['Upgrade', 'h2c'],
  ['X-Custom-Hop', 'drop me'],
  ['Stripe-Signature', 't=1,v1=aa'],
  ['X-Forwarded-Proto', 'https'],
  ['x-hookscope-delivery', 'spoofed'],
  ['Accept', 'a'],
  ['Accept', 'b'],
];

describe('forwardHeaders', () => {
  test('drops hop-by-hop (incl. those listed in Connection), sets Host first, keeps order and duplicates, adds Hookscope headers', () => {
    const out = forwardHeaders(captured, { host: 'localhost:3000', deliveryId: 'd1', mode: 'original' });
    assert.deepEqual(out, [
      ['Host', 'localhost:3000'],
      ['User-Agent', 'Stripe/1.0'],
      ['Content-Type', 'application/json'],
      ['Stripe-Signature', 't=1,v1=aa'],
      ['X-Forwarded-Proto', 'https'],
      ['Accept', 'a'],
      ['Accept', 'b'],
      ['X-Hookscope-Delivery', 'd1'],
      ['X-Hookscope-Replay', 'original'],
    ]);
  });

  test('stripHopByHop keeps everything else untouched', () => {
    const out = stripHopByHop([['X-A', '1'], ['host', 'h'], ['content-length', '3'], ['expect', '100-continue'], ['x-b', '2']]);
    assert.deepEqual(out, [['X-A', '1'], ['x-b', '2']]);
  });
});
