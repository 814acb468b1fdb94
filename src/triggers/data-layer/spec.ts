// `on: 'dataLayer'`, a push to the page's data layer whose `event` matches a pattern: its fields (the runtime is
// piece.ts, which also sends the GA4 ecommerce events of the load option `dataLayer: { ecommerce: true }`).
import { readBoolean, readObject, readString, type Problems } from '../../config/readers';
import type { TriggerSpec } from '../trigger';

/** `dataLayer: { name }` (a rule's) or `{ name, ecommerce }` (the load option's, `withEcommerce`): name is a window property name. */
export function readLayer(problems: Problems, at: string, value: unknown, withEcommerce = false): { name?: string; ecommerce?: boolean } {
  const { name, ecommerce, ...rest } = readObject(problems, at, value);
  for (const key in rest)
    problems.add(`${at}.${key}`, `unknown field (${withEcommerce ? 'name or ecommerce' : "a rule names only the data layer's name"})`);
  if (!withEcommerce && ecommerce !== undefined) problems.add(`${at}.ecommerce`, 'only in the load option dataLayer, not in a rule');
  const text = readString(problems, `${at}.name`, name);
  const valid = text === undefined || /^[A-Za-z_$][\w$]*$/.test(text);
  if (!valid) problems.add(`${at}.name`, `${JSON.stringify(text)} is not a window property name such as "dataLayer"`);
  return { name: valid ? text : undefined, ecommerce: withEcommerce && readBoolean(problems, `${at}.ecommerce`, ecommerce, false) };
}

/** The dataLayer trigger's spec: no element, no picker offer (a push is not something on the page to pick). */
export const dataLayer: TriggerSpec = {
  kind: 'dataLayer',
  target: 'page',
  fields: { event: 'pattern', dataLayer: readLayer },
  required: ['event'],
  piece: 'data-layer',
  option: 'dataLayer',
};
