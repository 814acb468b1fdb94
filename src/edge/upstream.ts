// Calling an upstream: within a time limit, cancelled when the visitor's request is, redirects refused, and the whole answer read (a connection dropped mid-body is a failure, not a success). What comes
// back is the edge's own small JSON answer: the upstream's status and Retry-After, never its bytes or content type.

/** A request to an upstream. */
export interface Forward {
  url: string;
  headers: Record<string, string>;
  body: string;
}

/** What an upstream said, as much as the SDK reads of it. */
export interface UpstreamAnswer {
  status: number;
  retryAfter?: string;
  /** The upstream's body, read whole (only ever re-read, never relayed). */
  body: string;
}

/** Calls upstreams; `signal` is the visitor's request's (aborted when the client goes away). */
export type CallUpstream = (forward: Forward, signal?: AbortSignal) => Promise<UpstreamAnswer>;

/** How long the edge tells a client to wait after a timeout or when it is busy, in seconds. */
export const BUSY_RETRY_AFTER_SECONDS = '10';
/** Statuses a Response cannot carry a body with (new Response('', { status: 204 }) throws). */
export const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

/** Upstream settings (options.ts validates them). */
export interface UpstreamLimits {
  fetch: typeof fetch;
  timeoutMs: number;
}

/**
 * An upstream caller. Its failures are answers too: 504 after `timeoutMs`, 502 when unreachable, redirected or cut off
 * mid-body, 499 when the visitor went away (nobody reads it).
 * @example const call = createUpstream(limits); const { status } = await call(forward, request.signal);
 */
export function createUpstream(limits: UpstreamLimits): CallUpstream {
  return async (forward, signal) => {
    const deadline = withDeadline(limits.timeoutMs, signal);
    try {
      const init = { method: 'POST', headers: forward.headers, body: forward.body, redirect: 'manual' as const };
      const response = await limits.fetch(forward.url, { ...init, signal: deadline.signal });
      // A redirect would re-post the batch (and its credentials) elsewhere: an upstream error (type 'opaqueredirect' is 0).
      if (response.status < 200 || (response.status >= 300 && response.status < 400 && response.status !== 304)) {
        void response.body?.cancel().catch(() => undefined);
        return { status: 502, body: '' };
      }
      const body = await response.text();
      return { status: response.status, retryAfter: response.headers.get('retry-after') ?? undefined, body };
    } catch {
      if (signal?.aborted) return { status: 499, body: '' };
      return deadline.timedOut() ? { status: 504, retryAfter: BUSY_RETRY_AFTER_SECONDS, body: '' } : { status: 502, body: '' };
    } finally {
      deadline.clear();
    }
  };
}

/** A bound on requests in progress: `take()` is false when `max` are, else counts one until its `give()`. */
export function createSlots(max: number): { take(): boolean; give(): void } {
  let taken = 0;
  return {
    take() {
      if (taken >= max) return false;
      taken += 1;
      return true;
    },
    give() {
      taken -= 1;
    },
  };
}

/** A signal aborted after `timeoutMs` or with `outer` (AbortSignal.any is not in every runtime the edge runs on). */
function withDeadline(timeoutMs: number, outer?: AbortSignal) {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  const follow = () => controller.abort();
  if (outer?.aborted) controller.abort();
  outer?.addEventListener('abort', follow);
  return {
    signal: controller.signal,
    timedOut: () => timedOut,
    clear() {
      clearTimeout(timer);
      outer?.removeEventListener('abort', follow);
    },
  };
}

/**
 * The edge's answer to the SDK for `answer`: its status, Retry-After and a small JSON body of the edge's own. A Track
 * API 207 keeps its per-item errors (the SDK drops those items and keeps the rest), rebuilt field by field with
 * `secrets` blanked out; a null-body status (204, 205, 304) gets no body.
 */
export function answerFor(answer: UpstreamAnswer, headers: Headers, secrets: string[] = []): Response {
  if (answer.retryAfter && /^[\w ,:+-]{1,40}$/.test(answer.retryAfter)) headers.set('Retry-After', answer.retryAfter);
  if (NULL_BODY_STATUSES.has(answer.status)) return new Response(null, { status: answer.status, headers });
  headers.set('Content-Type', 'application/json');
  const body: Record<string, unknown> = { status: answer.status };
  if (answer.status === 207) body.errors = itemErrors(answer.body, secrets);
  return new Response(JSON.stringify(body), { status: answer.status, headers });
}

/** A 207's errors[] as the SDK reads them (batch_index, reason, field, message), each string cut and scrubbed. */
function itemErrors(text: string, secrets: string[]): object[] {
  const clean = (value: unknown) => {
    let cut = typeof value === 'string' ? value.slice(0, 200) : '';
    for (const secret of secrets) cut = cut.split(secret).join('[redacted]');
    return cut;
  };
  try {
    const errors: unknown = JSON.parse(text).errors;
    if (!Array.isArray(errors)) return [];
    return errors
      .filter((error) => error && Number.isInteger(error.batch_index))
      .map((error) => ({
        batch_index: error.batch_index,
        reason: clean(error.reason),
        field: clean(error.field),
        message: clean(error.message),
      }));
  } catch {
    return [];
  }
}
