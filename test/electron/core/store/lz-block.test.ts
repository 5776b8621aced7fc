/** The LZ block codec of compressed raw copies (key-ring v2): exact round trips, damage refused. */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { lzCompress, lzDecodesTo, lzDecompress } from '../../../../electron/core/store/lz-block';

const JSON_DELIVERY = Buffer.from(JSON.stringify({
  event: 'CompletedWebHookPayload', eventId: 'e89b36ec-f45a-45f1-819c-d4069faa99ad',
  data: { transcript: 'Agent: Hello, how can I help you today? Caller: I would like to book an appointment. '.repeat(8) },
}));

describe('lz block', () => {
  test('round trips bytes of any shape exactly, or declines to compress them', () => {
    // small alphabets give matches of every length and offset, runs give overlapping copies
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 5000 }),
      fc.array(fc.constantFrom(97, 98, 99, 0, 255), { maxLength: 5000 }).map((a) => Uint8Array.from(a)),
      fc.tuple(fc.uint8Array({ minLength: 1, maxLength: 40 }), fc.integer({ min: 1, max: 400 })).map(([unit, times]) => {
        const out = new Uint8Array(unit.length * times);
        for (let i = 0; i < times; i++) out.set(unit, i * unit.length);
        return out;
      }),
    );
    fc.assert(fc.property(bytes, (input) => {
      const packed = lzCompress(input);
      if (packed === null) return;
      assert.ok(packed.length < input.length);
      assert.deepEqual(Buffer.from(lzDecompress(packed)), Buffer.from(input));
      assert.equal(lzDecodesTo(packed, input), true);
    }), { numRuns: 600 });
  });

  test('a JSON delivery shrinks to about half; random bytes are left alone; long runs and a big body round trip', () => {
    const packed = lzCompress(JSON_DELIVERY);
    assert.ok(packed && packed.length < JSON_DELIVERY.length * 0.6, `${packed?.length} of ${JSON_DELIVERY.length}`);
    assert.equal(lzCompress(randomBytes(4096)), null);
    for (const input of [Buffer.alloc(70_000, 7), Buffer.concat([randomBytes(100_000), JSON_DELIVERY, randomBytes(10), JSON_DELIVERY])]) {
      const block = lzCompress(input);
      assert.ok(block);
      assert.deepEqual(Buffer.from(lzDecompress(block)), input);
    }
  });

  test('a damaged block throws instead of returning other bytes', () => {
    const packed = lzCompress(JSON_DELIVERY);
    assert.ok(packed);
    const damaged: Uint8Array[] = [
      packed.subarray(0, packed.length - 3),
      packed.subarray(0, 3),
      Uint8Array.from([...packed.subarray(0, 4).map((b, i) => (i === 0 ? b + 1 : b)), ...packed.subarray(4)]),
      Uint8Array.from([0xff, 0xff, 0xff, 0x7f, 0x10, 0x41]),
      // a match reaching back before the start
      Uint8Array.from([20, 0, 0, 0, 0x10, 0x41, 9, 0]),
    ];
    for (const block of damaged) assert.throws(() => lzDecompress(block), /lz block: damaged/);
  });

  test('the check without a copy: true only for the exact bytes the block decodes to', () => {
    // literals, then a repeated unit (matches), then literals again
    const bytes = fc.tuple(fc.uint8Array({ maxLength: 60 }), fc.uint8Array({ minLength: 1, maxLength: 20 }), fc.integer({ min: 4, max: 50 }), fc.uint8Array({ maxLength: 60 }))
      .map(([head, unit, times, tail]) => Uint8Array.from([...head, ...Array.from({ length: times }, () => [...unit]).flat(), ...tail]));
    let checked = 0;
    fc.assert(fc.property(bytes, fc.nat(), fc.integer({ min: 1, max: 255 }), (input, at, delta) => {
      const packed = lzCompress(input);
      if (packed === null) return;
      checked++;
      // one byte changed anywhere: in a literal or in what a match copies
      const other = Uint8Array.from(input);
      other[at % other.length] = (other[at % other.length] + delta) & 255;
      assert.equal(lzDecodesTo(packed, other), false);
      assert.equal(lzDecodesTo(packed, input.subarray(0, input.length - 1)), false);
      assert.equal(lzDecodesTo(packed, input), true);
    }), { numRuns: 400 });
    assert.ok(checked > 200, `${checked} of 400 inputs compressed`);
    const packed = lzCompress(JSON_DELIVERY);
    assert.ok(packed);
    // damaged: cut short, or a match reaching back before the start
    assert.equal(lzDecodesTo(packed.subarray(0, packed.length - 3), JSON_DELIVERY), false);
    assert.equal(lzDecodesTo(Uint8Array.from([20, 0, 0, 0, 0x10, 0x41, 9, 0]), Buffer.alloc(20, 0x41)), false);
  });
});
