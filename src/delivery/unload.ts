// A dispatcher's unload passes (part of the dispatcher): as the page hides, what fits the keepalive budget is sent now,
// events in flight without keepalive included, and what keepalive carries is forgotten in storage while the service
// answers, so the next page view does not send it again.
import type { Queue } from './queue';
import type { Sender } from './sender';
import type { Transport } from './transport';

/** What the unload passes use: the dispatcher's queue, sender and transport, and the most items one pass takes. */
export interface UnloadInputs {
  queue: Queue;
  sender: Sender;
  transport: Transport;
  now(): number;
  maxItems: number;
}

/**
 * The unload pass of one dispatcher: `leaving` (pagehide) when the page is being unloaded or cached; `canSend` false
 * (offline, or no wire format yet) leaves everything queued.
 * @example const unload = createUnload({ queue, sender, transport, now, maxItems: 5000 }); void unload(true, () => true)
 */
export function createUnload(inputs: UnloadInputs): (leaving: boolean, canSend: () => boolean) => Promise<void> {
  const { queue, sender, transport, now, maxItems } = inputs;
  const sentAtUnload = new Set<string>(); // events unload passes handed to keepalive, until answered
  const handedOff = new Set<string>(); // of those, the ones a leaving page took as delivered

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
      void sender.send(request, true).then(async (response) => {
        const handed = ids.every((id) => handedOff.has(id));
        ids.forEach((id) => {
          sentAtUnload.delete(id);
          handedOff.delete(id);
        });
        // A page that left sees its keepalive requests end in a network error (WebKit, or on a back/forward-cache
        // restore) though the browser delivered them: sending them again would only duplicate them.
        if (handed && response.status === 0) await queue.ack(ids);
        else await sender.settle(request, response, byId);
      });
    }
    // What did not fit stays queued (the durable buffer keeps it for the next page view).
    void queue.release([...unsent], 0, false);
    // While the service answers, what unload passes hand to keepalive is forgotten in storage, so the next page view
    // does not send it again (a duplicate ~15 s later, once its lease ran out): the page may be torn down right after
    // hiding (Firefox may close a tab without a pagehide this page sees). A page that lives on reads the answers as
    // usual, and a retry writes the events back. Once it left (pagehide), a network error counts as delivered too.
    // After a failure, or for a request a round sent earlier (the server may hang), a duplicate is the safer risk.
    if (sender.serviceHealthy()) {
      const carried = [...sentAtUnload].filter((id) => sender.inKeepalive(id));
      if (leaving) carried.forEach((id) => handedOff.add(id));
      queue.handedOff?.(carried);
    }
  };
}
