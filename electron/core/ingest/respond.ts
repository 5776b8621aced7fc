/**
 * What the provider hears back (a source's `respond` config): the chain's own answer ("ack"), a chosen
 * status, a per-event sequence of statuses, a held answer, or the dev server's real answer ("relay").
 *
 * The receiver asks for a plan before the commit (so the stored status is what the provider will hear,
 * and a relayed delivery skips the outbox) and for the answer only after the commit: nothing is ever
 * answered before it is stored. Deliveries that fail a check in enforce mode keep their 4xx.
 */
import { STATUS_CODES } from 'node:http';
import type { RespondConfig } from '../../../shared/config';
import type { ChainSource } from '../../../shared/verify/types';
import type { RelayAnswerer } from './relay-answer';
import { createArrivalCounter } from './arrival-counter';

export interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** The captured request as the receiver holds it (raw bytes, wire-order headers). */
export interface HeldRequest {
  deliveryId: string;
  method: string;
  target: string;
  headers: Array<[string, string]>;
  body: Uint8Array;
}

export interface RespondFacts {
  /** the chain's status: 2xx for verified deliveries and duplicates (and anything in observe mode) */
  status: number;
  verified: boolean;
  idempotencyKey: string | null;
}

export interface RespondPlan {
  /** the status to store with the delivery; for relay, the chain's until the dev server's answer is recorded with its attempt (relay-answer.ts) */
  status: number;
  /** the delivery goes to the dev server now, as the answer, instead of through the outbox */
  relay: boolean;
  /** the answer, asked for after the commit */
  answer(chain: Answer, request: HeldRequest): Promise<Answer>;
  /** the commit failed: this arrival did not happen (the sequence count goes back) */
  undo(): void;
}

export interface Responder {
  /** null: answer as the chain says, right after the commit (mode "ack", or a 4xx from the chain) */
  plan(source: ChainSource, facts: RespondFacts): RespondPlan | null;
  /** answers every held response now (shutdown) */
  close(): void;
}

export const RESPOND_HEADER = 'x-hookscope-respond';

export function createResponder(deps: { relay: RelayAnswerer }): Responder {
  const arrivals = createArrivalCounter();
  const holds = new Set<() => void>();

  /** waits ms (or until close); a held answer must never keep the process from stopping */
  function hold(ms: number): Promise<void> {
    if (ms <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      const release = () => {
        clearTimeout(timer);
        holds.delete(release);
        resolve();
      };
      const timer = setTimeout(release, ms);
      holds.add(release);
    });
  }

  function chosen(status: number, chain: Answer, why: string): Answer {
    const body = status >= 200 && status < 300 ? '{"success":true}' : JSON.stringify({ error: STATUS_CODES[status] ?? 'Error' });
    return { status, headers: { ...chain.headers, [RESPOND_HEADER]: why }, body };
  }

  function planFor(source: ChainSource, respond: RespondConfig, facts: RespondFacts): RespondPlan | null {
    switch (respond.mode) {
      case 'ack':
        return null;
      case 'status':
        return {
          status: respond.status,
          relay: false,
          answer: async (chain) => {
            await hold(respond.delayMs);
            return chosen(respond.status, chain, `status ${respond.status}`);
          },
          undo: () => undefined,
        };
      case 'sequence': {
        const n = arrivals.next(source.config.id, respond, facts.idempotencyKey);
        const status = respond.statuses[Math.min(n, respond.statuses.length) - 1];
        return {
          status,
          relay: false,
          answer: async (chain) => chosen(status, chain, `sequence arrival ${n}`),
          undo: () => arrivals.undo(source.config.id, facts.idempotencyKey),
        };
      }
      case 'timeout':
        return {
          status: facts.status,
          relay: false,
          answer: async (chain) => {
            await hold(respond.delayMs);
            return { ...chain, headers: { ...chain.headers, [RESPOND_HEADER]: `held ${respond.delayMs} ms` } };
          },
          undo: () => undefined,
        };
      case 'relay':
        // only verified deliveries (first arrivals and the provider's retries) reach the dev server
        if (!facts.verified) return null;
        return {
          status: facts.status,
          relay: true,
          answer: async (chain, request) => {
            const answer = await deps.relay.answer(source, request, respond.timeoutMs);
            return { ...answer, headers: { ...answer.headers, ...pick(chain.headers, 'x-hookscope-delivery-id'), [RESPOND_HEADER]: 'relay' } };
          },
          undo: () => undefined,
        };
    }
  }

  return {
    plan(source, facts) {
      if (facts.status < 200 || facts.status >= 300) return null;
      return planFor(source, source.config.respond, facts);
    },
    close() {
      for (const release of [...holds]) release();
      deps.relay.close();
    },
  };
}

function pick(headers: Record<string, string>, name: string): Record<string, string> {
  return name in headers ? { [name]: headers[name] } : {};
}
