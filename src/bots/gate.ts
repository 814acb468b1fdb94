// The bots gate: with a crawler's verdict known for this page, drops its events (`'drop'`, `'strict'`) or marks them
// (`'flag'`: `context.bot: { reason }`), and counts the drops for stats(). Pure.
import type { BotsMode } from '../config/config';
import type { BotsGate } from '../pieces/contract';

/**
 * The gate for a page whose visitor is a crawler for `reason` (undefined: not one).
 * @example createBotsGate('Googlebot', 'drop').run(event, call) // { stopped: 'bot' }
 */
export function createBotsGate(reason: string | undefined, mode: BotsMode): BotsGate {
  let dropped = 0;
  return {
    name: 'bots',
    reason,
    run(event) {
      if (!reason || mode === 'off') return { event };
      if (mode === 'flag') return { event: { ...event, context: { ...event.context, bot: { reason } } } };
      dropped += 1;
      return { stopped: 'bot' };
    },
    counts: (): Record<string, number> => (dropped ? { bot: dropped } : {}),
  };
}
