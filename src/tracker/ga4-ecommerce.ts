// GA4 ecommerce pushes as Segment Ecommerce Spec v2 events (pure): `dataLayer: { ecommerce: true }` sends them without
// a rule. The mapping table, with both specs cited, is in docs/nocode.md "GA4 ecommerce".
import { hasOwn } from '../config/keys';
import type { JsonObject } from '../event/types';

type Params = Record<string, unknown>;
/** How one GA4 event becomes Segment's: its name, whether it is about one product (one event per item), and its fields. */
interface Mapping {
  name: string;
  perItem?: boolean;
  /** Segment property ← GA4 event parameter. */
  fields?: Record<string, string>;
  /** Whether `items` go to `products`. */
  products?: boolean;
}

const PRODUCT_EVENT = { perItem: true };
const LIST = { products: true };
const PROMOTION = {
  fields: { promotion_id: 'promotion_id', name: 'promotion_name', creative: 'creative_name', position: 'creative_slot' },
};

/** GA4 event name → Segment v2 event; `currency` is always sent when pushed. */
export const GA4_TO_SEGMENT: Readonly<Record<string, Mapping>> = {
  view_item_list: { name: 'Product List Viewed', fields: { list_id: 'item_list_id' }, ...LIST },
  select_item: { name: 'Product Clicked', ...PRODUCT_EVENT },
  view_item: { name: 'Product Viewed', fields: { value: 'value' }, ...PRODUCT_EVENT },
  add_to_cart: { name: 'Product Added', ...PRODUCT_EVENT },
  remove_from_cart: { name: 'Product Removed', ...PRODUCT_EVENT },
  view_cart: { name: 'Cart Viewed', ...LIST },
  begin_checkout: { name: 'Checkout Started', fields: { revenue: 'value', coupon: 'coupon' }, ...LIST },
  add_shipping_info: { name: 'Checkout Step Completed', fields: { shipping_method: 'shipping_tier' } },
  add_payment_info: { name: 'Payment Info Entered', fields: { payment_method: 'payment_type' } },
  purchase: {
    name: 'Order Completed',
    fields: { order_id: 'transaction_id', revenue: 'value', tax: 'tax', shipping: 'shipping', coupon: 'coupon' },
    ...LIST,
  },
  refund: { name: 'Order Refunded', fields: { order_id: 'transaction_id', total: 'value' }, ...LIST },
  add_to_wishlist: { name: 'Product Added to Wishlist', ...PRODUCT_EVENT },
  view_promotion: { name: 'Promotion Viewed', ...PROMOTION },
  select_promotion: { name: 'Promotion Clicked', ...PROMOTION },
  search: { name: 'Products Searched', fields: { query: 'search_term' } },
};

/** Segment product property ← GA4 item parameter. */
const ITEM_FIELDS: Readonly<Record<string, string>> = {
  product_id: 'item_id',
  sku: 'item_id',
  name: 'item_name',
  brand: 'item_brand',
  category: 'item_category',
  variant: 'item_variant',
  price: 'price',
  quantity: 'quantity',
  coupon: 'coupon',
  position: 'index',
};
/** The Segment properties the spec types as numbers: shops often push them as strings (`price: '11.99'`). */
const NUMBERS = ['price', 'quantity', 'position', 'value', 'revenue', 'total', 'tax', 'shipping'];

/** Copies each `to ← from` own field of `source` that is set, numeric strings as numbers where the spec says Number. */
function pick(source: unknown, fields: Readonly<Record<string, string>>, into: JsonObject = {}): JsonObject {
  if (!source || typeof source !== 'object') return into;
  for (const [to, from] of Object.entries(fields)) {
    const value = hasOwn(source, from) ? (source as Params)[from] : undefined;
    if (value === undefined || value === null) continue;
    into[to] =
      NUMBERS.includes(to) && typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value.trim())
        ? Number(value)
        : (value as JsonObject[string]);
  }
  return into;
}

/**
 * The Segment events for one data layer push: none for a push that is not a GA4 ecommerce event; one per item for an
 * event about one product (GA4 may list several; none listed gives one event without product fields). Reads only the push's own `ecommerce` (and `search_term`), never the
 * merged state, so GTM's `{ ecommerce: null }` habit cannot leak an earlier push's items.
 * @example toSegmentEvents({ event: 'purchase', ecommerce: { transaction_id: 'T1', value: 9 } }) // [['Order Completed', { order_id: 'T1', revenue: 9 }]]
 */
export function toSegmentEvents(push: unknown): [string, JsonObject][] {
  const event = push && typeof push === 'object' ? (push as Params).event : undefined;
  if (typeof event !== 'string' || !hasOwn(GA4_TO_SEGMENT, event)) return [];
  const mapping = GA4_TO_SEGMENT[event];
  const ecommerce = (push as Params).ecommerce;
  const params: Params = { ...(ecommerce && typeof ecommerce === 'object' ? (ecommerce as Params) : {}) };
  if (event === 'search' && params.search_term === undefined) params.search_term = (push as Params).search_term;
  const items = Array.isArray(params.items) ? params.items : [];
  const properties = pick(params, { ...mapping.fields, currency: 'currency' });
  if (mapping.products) properties.products = items.map((item) => pick(item, ITEM_FIELDS));
  // A promotion's fields may be on its item rather than on the event, as GA4 allows.
  if (mapping === GA4_TO_SEGMENT.view_promotion || mapping === GA4_TO_SEGMENT.select_promotion)
    pick(items[0], Object.fromEntries(Object.entries(mapping.fields ?? {}).filter(([to]) => properties[to] === undefined)), properties);
  if (!mapping.perItem || !items.length) return [[mapping.name, properties]];
  return items.map((item) => [mapping.name, pick(item, ITEM_FIELDS, { ...properties })]);
}
