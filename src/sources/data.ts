// `{ data: 'ecommerce.value' }`: a dot path into the data layer, as GTM's data layer variable reads it: inside a
// `dataLayer` rule the push that fired it first, then the merged state of the pushes before (src/tracker/data-layer.ts).
import type { Source } from './source';

/** The data layer source. */
export const dataSource: Source = { fields: { data: 'path' }, read: (source, { data }) => data(source.data as string) };
