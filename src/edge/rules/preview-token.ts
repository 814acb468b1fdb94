// Preview tokens: what a draft's preview link carries. Signed by the edge (HMAC-SHA-256), expiring, naming one draft;
// not an editor token (it lets a browser read that draft, nothing else). The payload is readable (the SDK shows the
// badge from it) and its signature is checked only by the edge. Web Crypto only.

/** What a preview token says: the draft, its editor, when it was saved (ms) and when the token expires (s). */
export interface PreviewClaims {
  draft: number;
  editor: string;
  savedAt: number;
  expires: number;
}

const encoder = new TextEncoder();
const toBase64Url = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
const fromBase64Url = (text: string) => Uint8Array.from(atob(text.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));

/** A token for `claims`, signed with `key`. */
export async function signPreview(key: CryptoKey, claims: PreviewClaims): Promise<string> {
  const payload = toBase64Url(encoder.encode(JSON.stringify({ d: claims.draft, e: claims.editor, t: claims.savedAt, x: claims.expires })));
  const signature = new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(payload)));
  return `${payload}.${toBase64Url(signature)}`;
}

/** The claims of a token signed with `key` and not expired at `nowMs`, else undefined. */
export async function verifyPreview(key: CryptoKey, token: string, nowMs = Date.now()): Promise<PreviewClaims | undefined> {
  const match = /^([\w-]{1,400})\.([\w-]{43})$/.exec(token);
  if (!match) return undefined;
  try {
    const valid = await crypto.subtle.verify('HMAC', key, fromBase64Url(match[2]), encoder.encode(match[1]));
    if (!valid) return undefined;
    const { d, e, t, x } = JSON.parse(new TextDecoder().decode(fromBase64Url(match[1]))) as Record<string, unknown>;
    if (!Number.isInteger(d) || typeof e !== 'string' || typeof t !== 'number' || typeof x !== 'number') return undefined;
    return x * 1000 > nowMs ? { draft: d as number, editor: e, savedAt: t, expires: x } : undefined;
  } catch {
    return undefined;
  }
}
