// Touches document: `{ jsonLd: 'offers.price', type: 'Product' }`, a dot path into the page's first JSON-LD object of
// that `@type` (default Product), looked for in each `<script type="application/ld+json">`, their lists and `@graph`s.
import { attempt } from '../errors';
import { hasOwn, isSafeKey } from '../config/keys';
import { clip } from '../tracker/text';
import type { Source } from './source';

/** The `@type` a jsonLd source reads without `type`. */
export const DEFAULT_JSON_LD_TYPE = 'Product';

/** Whether a JSON-LD node is of `type` (`@type` may be a list: `["Product", "Book"]`). */
const isOfType = (node: unknown, type: string): boolean =>
  !!node && typeof node === 'object' && [(node as Record<string, unknown>)['@type']].flat().includes(type);

/** The first node of `type` in a parsed JSON-LD block: itself, an item of its list, or an item of its `@graph`. */
function findNode(parsed: unknown, type: string): unknown {
  const nodes = [parsed].flat().flatMap((node) => [node, ...[(node as Record<string, unknown> | null)?.['@graph'] ?? []].flat()]);
  return nodes.find((node) => isOfType(node, type));
}

/**
 * The value at a dot path in a JSON-LD node; a list on the way is read at its first item unless the key is an index
 * (`offers.price` reads the first offer's price, `offers.1.price` the second's). Own keys only.
 */
export function readJsonPath(node: unknown, path: string): unknown {
  let value = node;
  for (const key of path.split('.')) {
    if (Array.isArray(value) && !/^\d+$/.test(key)) value = value[0];
    if (!value || typeof value !== 'object' || !isSafeKey(key) || !hasOwn(value, key)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return typeof value === 'string' ? clip(value) : value;
}

/** The JSON-LD source; a block that does not parse is skipped. */
export const jsonLdSource: Source = {
  fields: { jsonLd: 'path', type: 'string' },
  required: 'jsonLd',
  page: true,
  read(source) {
    const type = source.type ?? DEFAULT_JSON_LD_TYPE;
    for (const script of Array.from(document.querySelectorAll('script[type="application/ld+json"]'))) {
      const node = findNode(
        attempt(() => JSON.parse(script.textContent ?? '')),
        type,
      );
      if (node) return readJsonPath(node, source.jsonLd as string);
    }
    return undefined;
  },
};
