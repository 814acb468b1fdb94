// Small node:http helpers shared by the collector's two origins: body reading and JSON answers.
import { gunzipSync, inflateSync } from 'node:zlib';

/** Hard cap on what the collector will buffer for one request body (well above Segment's 500 KB). */
export const MAX_READ_BYTES = 8 * 1024 * 1024;

/** Reads a request body as a Buffer, decompressing gzip/deflate (Segment accepts gzip); rejects past maxBytes. */
export function readBody(req, maxBytes = MAX_READ_BYTES) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    req.on('data', (chunk) => {
      size += chunk.length;
      if (size > maxBytes) {
        reject(new Error(`body over ${maxBytes} bytes`));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const encoding = String(req.headers['content-encoding'] || '').toLowerCase();
      try {
        if (encoding === 'gzip') resolve(gunzipSync(raw));
        else if (encoding === 'deflate') resolve(inflateSync(raw));
        else resolve(raw);
      } catch (error) {
        reject(error);
      }
    });
    req.on('error', reject);
  });
}

/** Answers with a JSON body and the given extra headers. */
export function sendJson(res, status, value, headers = {}) {
  const body = JSON.stringify(value);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
    ...headers,
  });
  res.end(body);
}

/** Answers with plain text. */
export function sendText(res, status, text, headers = {}) {
  res.writeHead(status, {
    'content-type': 'text/plain; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    ...headers,
  });
  res.end(text);
}

/** Parses JSON, returning { ok, value } instead of throwing. */
export function parseJson(text) {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, error: error.message };
  }
}
