/** Pushed notifications (HookscopeEvents) for IPC and SSE subscribers. */
import type { EventName, HookscopeEvent, HookscopeEvents } from '../../../shared/api';

export type EventListener = (event: HookscopeEvent) => void;

export interface EventBus {
  emit<E extends EventName>(type: E, payload: HookscopeEvents[E]): void;
  subscribe(listener: EventListener): () => void;
}

export function createEventBus(onListenerError?: (error: Error) => void): EventBus {
  const listeners = new Set<EventListener>();
  return {
    emit(type, payload) {
      const event = { type, payload } as HookscopeEvent;
      for (const listener of listeners) {
        try {
          listener(event);
        } catch (error) {
          onListenerError?.(error as Error);
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
