// Puts an event's session on it, where each reader looks: Segment's Amplitude (Actions) destination, and the neutral
// context fields RudderStack uses. Pure.
import type { TallyEvent } from '../event/types';
import type { SessionMark } from './session';

/** The integrations key of Segment's Amplitude (Actions) destination, whose session_id it reads. */
export const AMPLITUDE = 'Actions Amplitude';

/**
 * Stamps `event` with `mark`: `context.sessionId` (and `context.sessionStart: true` on a session's first event) unless
 * the call set its own, and `integrations['Actions Amplitude'].session_id` unless the call set it or turned Amplitude
 * off (explicitly, or with `All: false`: a settings object would turn it back on, as analytics.js's plugin knows).
 * @example stampSession(event, { id: 1765140000000, start: true }); event.context.sessionId // 1765140000000
 */
export function stampSession(event: TallyEvent, mark: SessionMark): void {
  const { context, integrations } = event;
  if (context.sessionId === undefined) {
    context.sessionId = mark.id;
    if (mark.start) context.sessionStart = true;
  }
  const own = integrations[AMPLITUDE];
  if (own === false || (!own && integrations.All === false)) return;
  const settings = own && typeof own === 'object' ? (own as Record<string, unknown>) : {};
  if (settings.session_id === undefined) integrations[AMPLITUDE] = { ...settings, session_id: mark.id };
}
