// `{ query: 'utm_source' }`: a parameter of the page's query string.
import { attempt } from '../errors';
import type { Source } from './source';

/** The query string source. */
export const querySource: Source = {
  fields: { query: 'string' },
  read: (source, { href }) => attempt(() => new URL(href).searchParams.get(source.query as string)) ?? undefined,
};
