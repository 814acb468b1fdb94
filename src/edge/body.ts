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

/** Reads `request`'s body as text, refusing more than `maxBytes` (compressed and decompressed); gzip when it says so. */
export async function readBody(request: Request, maxBytes: number): Promise<string> {
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
