import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { classifyCallEvent, eventWords } from '../../../../electron/core/security/call-events';

describe('classifyCallEvent', () => {
  const cases: Array<[string | null, 'failed' | 'succeeded' | null]> = [
    ['FailedWebHookPayload', 'failed'],
    ['FailedWebhookPayload', 'failed'],
    ['CompletedWebHookPayload', 'succeeded'],
    ['StartWebHookPayload', null],
    ['call.failed', 'failed'],
    ['call_failed', 'failed'],
    ['call.no-answer', 'failed'],
    ['call.busy', 'failed'],
    ['call.completed', 'succeeded'],
    ['call_ended', 'succeeded'],
    ['CallCompleted', 'succeeded'],
    ['call.started', null],
    ['failed', 'failed'],
    ['completed', 'succeeded'],
    ['payment_intent.payment_failed', null],
    ['check_run.completed', null],
    ['invoice.paid', null],
    ['', null],
    [null, null],
  ];
  for (const [type, expected] of cases) {
    it(`${JSON.stringify(type)} → ${String(expected)}`, () => {
      assert.equal(classifyCallEvent(type), expected);
    });
  }

  it('splits camel case, acronyms and separators into words', () => {
    assert.deepEqual(eventWords('FailedWebHookPayload'), ['failed', 'web', 'hook', 'payload']);
    assert.deepEqual(eventWords('SMSCallEnded'), ['sms', 'call', 'ended']);
    assert.deepEqual(eventWords('call.no-answer'), ['call', 'no', 'answer']);
  });
});
