// Who may edit: editors' bearer tokens, compared in constant time (both sides hashed to 32 bytes, every byte of every
// editor's digest compared, no early exit), so timing says nothing about how much of a guess was right. Tokens are never
// kept in clear past creation, logged or put in a response. Web Crypto only.

/** An editor as a site configures it: a name shown in versions and previews, and a secret token (from the environment). */
export interface EditorOptions {
  name: string;
  token: string;
}

const encoder = new TextEncoder();
const sha256 = async (text: string) => new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(text)));

/** The bearer token of an `Authorization: Bearer …` header, or undefined. */
export function bearerToken(header: string | null): string | undefined {
  const match = /^Bearer[ ]+(\S{1,512})\s*$/i.exec(header ?? '');
  return match?.[1];
}

/**
 * The editors, with their tokens hashed: `identify(token)` is the editor's name or undefined.
 * @example const editors = createEditors([{ name: 'marketing', token: env.TALLY_EDITOR_TOKEN }]); await editors.identify(token)
 */
export function createEditors(editors: readonly EditorOptions[]) {
  const digests = Promise.all(editors.map(async ({ name, token }) => ({ name, digest: await sha256(token) })));
  return {
    async identify(token: string): Promise<string | undefined> {
      const offered = await sha256(token);
      let found: string | undefined;
      for (const { name, digest } of await digests) {
        let difference = 0;
        for (let i = 0; i < digest.length; i++) difference |= digest[i] ^ offered[i];
        if (difference === 0 && found === undefined) found = name;
      }
      return found;
    },
  };
}

/** The key previews are signed with, derived from the editors' tokens (every instance of the edge derives the same one). */
export async function previewKeyFor(editors: readonly EditorOptions[], secret?: string): Promise<CryptoKey> {
  const material =
    secret ??
    `tally preview\n${editors
      .map((editor) => editor.token)
      .sort()
      .join('\n')}`;
  const raw = await sha256(material);
  return crypto.subtle.importKey('raw', raw, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
}
