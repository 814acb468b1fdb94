// The queues of earlier configurations of a destination (drains), delivered alongside the route of the current one:
// a page view whose settings changed still sends what an earlier page view left, with that page view's settings.
import type { Buffer } from './buffer';
import type { DeliveryStats, Dispatcher } from './dispatcher';

/** A buffer and the dispatcher that delivers it. */
export interface Delivery {
  buffer: Buffer;
  dispatcher: Dispatcher;
}

/** An earlier configuration's queue, by its key. */
export interface Drain extends Delivery {
  key: string;
}

/**
 * `main` with `drains` riding along: they hide, show, unload and flush with it, and its stats() counts them. Each drain
 * starts at once (`flush`), and `onDrained` hears of one found empty (nothing left, nothing another page view leased)
 * after a round. `onHide`: told first on each hide.
 * @example withDrains(route, [{ key, buffer, dispatcher }], forgetConfiguration, () => rememberConfiguration(own))
 */
export function withDrains(main: Delivery, drains: Drain[], onDrained: (key: string) => void, onHide: () => void): Delivery {
  const all = [main, ...drains];
  for (const drain of drains) void drain.dispatcher.flush().then(() => isDrained(drain) && onDrained(drain.key));
  const buffer: Buffer = {
    ...main.buffer,
    hide() {
      onHide();
      all.forEach((each) => each.buffer.hide());
    },
    show: () => all.forEach((each) => each.buffer.show()),
  };
  const dispatcher: Dispatcher = {
    ...main.dispatcher,
    async flush() {
      await Promise.all(all.map((each) => each.dispatcher.flush()));
    },
    unload: (leaving) => all.forEach((each) => each.dispatcher.unload(leaving)),
    stats: () => sumStats(all.map((each) => each.dispatcher.stats())),
  };
  return { buffer, dispatcher };
}

/** Whether a drain holds nothing and waits for nothing another page view leased. */
function isDrained({ buffer }: Delivery): boolean {
  return buffer.size() === 0 && buffer.nextReadyAt() === Infinity;
}

/** The first stats with the counts of the others added. */
function sumStats([first, ...rest]: DeliveryStats[]): DeliveryStats {
  const total = { ...first, dropped: { ...first.dropped } };
  for (const stats of rest) {
    total.queued += stats.queued;
    total.sent += stats.sent;
    total.retried += stats.retried;
    for (const reason in stats.dropped) total.dropped[reason] = (total.dropped[reason] ?? 0) + stats.dropped[reason];
  }
  return total;
}
