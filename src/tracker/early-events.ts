// Touches document: the clicks and submits made while the tracker piece loads, each kept with its composed path (which
// an event no longer has once dispatched), so the piece applies its rules to them when it starts. Part of the core.

/** A click or submit that happened before the tracker piece started. */
export interface EarlyEvent {
  event: Event;
  path: EventTarget[];
}

/** Records clicks and submits (capture phase) until `stop()`, which hands them over in order. */
export function recordEarlyEvents(): { stop(): EarlyEvent[] } {
  const kept: EarlyEvent[] = [];
  const keep = (event: Event) => {
    kept.push({ event, path: event.composedPath() });
  };
  document.addEventListener('click', keep, true);
  document.addEventListener('submit', keep, true);
  return {
    stop() {
      document.removeEventListener('click', keep, true);
      document.removeEventListener('submit', keep, true);
      return kept;
    },
  };
}
