// A recording fake transport for unit tests: keeps every request and answers each from `answer` (default 200).
import type { DestinationRequest, TransportResponse } from '../../src/destinations/destination';
import type { Transport } from '../../src/delivery/transport';

/** What a fake answer may leave out: the status is enough. */
export type FakeAnswer = Partial<TransportResponse> & { status: number };

/** How a fake transport answers the request at `index` (0 for the first it was given). */
export type Answerer = (request: DestinationRequest, index: number) => FakeAnswer | Promise<FakeAnswer>;

/** One request as the fake transport saw it: whether it went with keepalive, and the events it carried. */
export interface SentRequest {
  request: DestinationRequest;
  keepalive: boolean;
  ids: string[];
}

/**
 * A transport whose requests are recorded. `keepalive`: true (every request fits the keepalive budget), false (none
 * does), or 'budget' (as fetch does: a request goes with keepalive while it fits what `budget` leaves after the
 * keepalive requests still in flight, and keepaliveBudget() says what is left).
 */
export function createRecordingTransport(
  answer: Answerer = () => ({ status: 200 }),
  { keepalive = true, budget = 65536 }: { keepalive?: boolean | 'budget'; budget?: number } = {},
): Transport & { requests: DestinationRequest[]; sent: SentRequest[] } {
  const requests: DestinationRequest[] = [];
  const sent: SentRequest[] = [];
  let inFlight = 0;
  return {
    requests,
    sent,
    keepaliveBudget: () => budget - inFlight,
    send(request) {
      const fits = keepalive === 'budget' ? request.bytes <= budget - inFlight : keepalive;
      const index = requests.push(request) - 1;
      sent.push({ request, keepalive: fits, ids: request.messageIds });
      if (fits && keepalive === 'budget') inFlight += request.bytes;
      const response = Promise.resolve(answer(request, index))
        .then((given) => ({ retryAfter: null, body: '', ...given }))
        .finally(() => {
          if (fits && keepalive === 'budget') inFlight -= request.bytes;
        });
      return { keepalive: fits, response };
    },
  };
}
