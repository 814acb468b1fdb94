// Touches fetch and location: saving a picked rule into the page's rules document through the local dev server's route
// (`npm start`: collector/rules.mjs). A real site has no such route; the picker then offers the JSON to copy.
import type { EventDefinitionOptions } from '../rules/definitions';

/** The dev server's route that reads and writes rules documents (collector/rules.mjs). */
export const SAVE_ROUTE = '/__tally/rules';

/** Where a rule can be saved: the rules document's path, and the file the dev server writes it to. */
export interface SaveTarget {
  url: string;
  file: string;
}

/** The same-origin path of `rulesUrl`, or undefined for a document on another origin (no dev server writes there). */
export function sameOriginPath(rulesUrl: string | null | undefined): string | undefined {
  if (!rulesUrl) return undefined;
  try {
    const url = new URL(rulesUrl, location.href);
    return url.origin === location.origin ? url.pathname : undefined;
  } catch {
    return undefined;
  }
}

/** Asks the dev server whether it can write the page's rules document; undefined when there is no such server. */
export async function findSaveTarget(rulesUrl: string | null | undefined): Promise<SaveTarget | undefined> {
  const path = sameOriginPath(rulesUrl);
  if (!path) return undefined;
  try {
    const response = await fetch(`${SAVE_ROUTE}?url=${encodeURIComponent(path)}`, { cache: 'no-store' });
    const answer = response.ok ? ((await response.json()) as { file?: unknown }) : {};
    return typeof answer.file === 'string' ? { url: path, file: answer.file } : undefined;
  } catch {
    return undefined;
  }
}

/** Adds (or replaces) one event definition in the rules document; resolves with the document's new version, or rejects saying why. */
export async function saveRule(target: SaveTarget, name: string, definition: EventDefinitionOptions): Promise<string> {
  const response = await fetch(`${SAVE_ROUTE}?url=${encodeURIComponent(target.url)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ events: { [name]: definition } }),
  });
  const answer = (await response.json().catch(() => ({}))) as { version?: string; error?: string };
  if (!response.ok || !answer.version) throw new Error(answer.error ?? `the dev server answered ${response.status}`);
  return answer.version;
}
