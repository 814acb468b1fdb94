// Parsing a request body as JSON with a bound on nesting: JSON.parse takes any depth, but walking the result (the edge
// re-serialises what it forwards) overflows the stack on a deeply nested body. Tally's payloads nest a few levels.

/** Deepest nesting of objects and arrays the edge takes (Segment's own events nest far less). */
export const MAX_JSON_DEPTH = 64;

/** `text` parsed, or undefined when it is not JSON or nests deeper than `maxDepth`. */
export function parseJson(text: string, maxDepth = MAX_JSON_DEPTH): unknown {
  if (depthOf(text) > maxDepth) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The deepest nesting of `[` and `{` in JSON text, outside strings (a scan: no recursion to overflow). */
function depthOf(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (inString) {
      if (char === '\\') i++;
      else if (char === '"') inString = false;
    } else if (char === '"') inString = true;
    else if (char === '[' || char === '{') deepest = Math.max(deepest, ++depth);
    else if (char === ']' || char === '}') depth--;
  }
  return deepest;
}

/** Whether `value` is a plain JSON object (not null, not an array). */
export const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The edge's own answer: `{"error": message}`. */
export function refuse(status: number, error: string, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify({ error }), { status, headers: { 'Content-Type': 'application/json', ...headers } });
}
