// A recording fake transport for unit tests: keeps every request and answers each from `answer` (default 200).
import type { DestinationRequest, TransportResponse } from '../../src/destinations/destination';
import type { Transport } from '../../src/delivery/transport';

/** What a fake answer may leave out: the status is enough. */
export type FakeAnswer = Partial<TransportResponse> & { status: number };

/** A transport whose requests are recorded; every request fits the keepalive budget unless `keepalive` says otherwise. */
export function createRecordingTransport(
  answer: (request: DestinationRequest, index: number) => FakeAnswer | Promise<FakeAnswer> = () => ({ status: 200 }),
  { keepalive = true, budget = 65536 } = {},
): Transport & { requests: DestinationRequest[] } {
  const requests: DestinationRequest[] = [];
  return {
    requests,
    keepaliveBudget: () => budget,
    send(request) {
      const index = requests.push(request) - 1;
      const response = Promise.resolve(answer(request, index)).then((given) => ({ retryAfter: null, body: '', ...given }));
      return { keepalive, response };
    },
  };
}
