/** The client the UI talks to: the HookscopeApi plus a live event subscription. */
import type { EventName, HookscopeApi, HookscopeEvent } from '../../../shared/api';

/**
 * Connection state of the event stream (web mode); the preload never emits it. 'unauthorized': the
 * server refused the page's token (Hookscope restarted with a new one); nothing is retried after it.
 */
export type StreamState = 'open' | 'reconnecting' | 'unauthorized';

export interface StreamStateEvent {
  type: 'streamState';
  payload: { state: StreamState };
}

/** A discriminated union over the event names, so `switch (event.type)` narrows the payload. */
export type ApiEvent = { [E in EventName]: HookscopeEvent<E> }[EventName];
export type ClientEvent = ApiEvent | StreamStateEvent;
export type ClientListener = (event: ClientEvent) => void;

export interface HookscopeClient extends HookscopeApi {
  subscribe(listener: ClientListener): () => void;
}
