// Reading a request body within a size limit, before and after gzip: a body past the limit is refused without being
// read whole, and a small gzip body that inflates past it (a zip bomb) is refused too. Web streams only.

/** A body the edge will not forward, with the status to answer. */
export class BodyError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * How long a body may take to arrive (500 KB at 17 KB/s): a request holds one of the edge's bounded places while its
 * body is read, so a client that trickles bytes must not hold it for minutes.
 */
export const BODY_TIMEOUT_MS = 30_000;

/**
 * Reads `request`'s body as text, refusing more than `maxBytes` (compressed and decompressed) with 413, or a body not
 * there within `timeoutMs` with 408; gzip when it says so.
 */
export async function readBody(request: Request, maxBytes: number, timeoutMs = BODY_TIMEOUT_MS): Promise<string> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new BodyError(408, `body not received within ${timeoutMs / 1000} s`)), timeoutMs);
  });
  try {
    return await Promise.race([readWithin(request, maxBytes), late]);
  } finally {
    clearTimeout(timer);
  }
}

async function readWithin(request: Request, maxBytes: number): Promise<string> {
  const declared = Number(request.headers.get('content-length'));
  if (declared > maxBytes) throw new BodyError(413, `body over ${maxBytes} bytes`);
  if (!request.body) return '';
  const encoding = (request.headers.get('content-encoding') ?? '').toLowerCase();
  if (encoding && encoding !== 'gzip' && encoding !== 'identity') throw new BodyError(415, `content-encoding ${encoding} is not supported`);
  let stream: ReadableStream<Uint8Array> = request.body.pipeThrough(limit(maxBytes));
  if (encoding === 'gzip') stream = stream.pipeThrough(gunzip()).pipeThrough(limit(maxBytes));
  try {
    return await new Response(stream).text();
  } catch (error) {
    if (error instanceof BodyError) throw error;
    throw new BodyError(400, 'unreadable body (bad gzip?)');
  }
}

/** DecompressionStream, typed as the byte stream it is (TypeScript's DOM types say BufferSource in). */
const gunzip = () => new DecompressionStream('gzip') as unknown as TransformStream<Uint8Array, Uint8Array>;

/** A pass-through stream that errors once more than `maxBytes` went through it. */
function limit(maxBytes: number): TransformStream<Uint8Array, Uint8Array> {
  let seen = 0;
  return new TransformStream({
    transform(chunk, controller) {
      seen += chunk.byteLength;
      if (seen > maxBytes) controller.error(new BodyError(413, `body over ${maxBytes} bytes`));
      else controller.enqueue(chunk);
    },
  });
}
