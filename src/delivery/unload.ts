// A dispatcher's unload passes (part of the dispatcher): as the page hides, what fits the keepalive budget is sent now,
// events in flight without keepalive included, and what keepalive carries is forgotten in storage while the service
// answers, so the next page view does not send it again.
import type { Queue } from './queue';
import type { Sender } from './sender';
import type { Transport } from './transport';

/**
 * Why the page may be going away: `false` it was hidden (a tab switch, which may end in a discard or a close), `true`
 * pagehide of a page being unloaded, `'cached'` pagehide of a page entering the back/forward cache (event.persisted).
 */
export type Leaving = boolean | 'cached';

/** What the unload passes use: the dispatcher's queue, sender and transport, and the most items one pass takes. */
export interface UnloadInputs {
  queue: Queue;
  sender: Sender;
  transport: Transport;
  now(): number;
  maxItems: number;
}

/**
 * The unload pass of one dispatcher; `canSend` false (offline, or no wire format yet) leaves everything queued.
 * @example const unload = createUnload({ queue, sender, transport, now, maxItems: 5000 }); void unload('cached', () => true)
 */
export function createUnload(inputs: UnloadInputs): (leaving: Leaving, canSend: () => boolean) => Promise<void> {
  const { queue, sender, transport, now, maxItems } = inputs;
  const sentAtUnload = new Set<string>(); // events unload passes handed to keepalive, until answered

  return async (leaving, canSend) => {
    // Offline, requests would fail; without its wire format, none can be built: everything stays queued.
    if (!canSend()) return;
    const inFlight = queue.leased().filter((item) => !sender.inKeepalive(item.event.messageId));
    const ready = await queue.take(maxItems, now());
    const { byId, requests } = sender.build([...inFlight, ...ready], { maxBatchBytes: transport.keepaliveBudget() });
    const unsent = new Set(ready.map((item) => item.event.messageId));
    for (const request of requests) {
      if (request.bytes > transport.keepaliveBudget()) break;
      const ids = request.messageIds;
      ids.forEach((id) => {
        unsent.delete(id);
        sentAtUnload.add(id);
      });
      void sender.send(request, true).then((response) => {
        ids.forEach((id) => sentAtUnload.delete(id));
        return sender.settle(request, response, byId);
      });
    }
    // What did not fit stays queued (the durable buffer keeps it for the next page view).
    void queue.release([...unsent], 0, false);
    handOff(leaving);
  };

  /**
   * While the service answers, what unload passes hand to keepalive is forgotten in storage, so the next page view does
   * not send it again (a duplicate ~15 s later, once its lease ran out): the page may be torn down right after hiding
   * (Firefox may close a tab without a pagehide this page sees). A page that lives on reads the answers as usual, and a
   * retry writes the events back. Once it left (pagehide), a network error counts as delivered too. After a failure, a
   * duplicate is the safer risk.
   */
  function handOff(leaving: Leaving) {
    if (!sender.serviceHealthy()) return;
    const carried = [...sentAtUnload].filter((id) => sender.inKeepalive(id));
    // A page entering the back/forward cache is frozen with its rounds' keepalive requests unanswered (WebKit): they
    // are handed off too, or the site's next page view sends them again. The page is still alive: restored, it reads
    // their answers, and a retry writes them back. A page being unloaded never reads them: a round's request sent
    // before it left may hang on a broken server, so those stay leased and the next page view sends them again.
    if (leaving === 'cached')
      for (const { event } of queue.leased()) if (sender.inKeepalive(event.messageId)) carried.push(event.messageId);
    const unique = [...new Set(carried)];
    if (leaving) sender.handOff(unique);
    queue.handedOff?.(unique);
  }
}
