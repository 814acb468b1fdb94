// @vitest-environment happy-dom
// `dataLayer: { ecommerce: true }`: GA4 ecommerce pushes become Segment Ecommerce Spec v2 events without a rule
// (docs/nocode.md "GA4 ecommerce" cites both specs), GTM's `{ ecommerce: null }` leaks nothing, and a bad option is said.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { toSegmentEvents, GA4_TO_SEGMENT } from '../../src/tracker/ga4-ecommerce';
import { startEcommerce } from '../../src/tracker/ecommerce';
import { startTracker } from '../../src/tracker/tracker';
import { createRuleSet } from '../../src/rules/rule-set';
import { optionPieces } from '../../src/triggers/piece-of';
import { loadKinds } from '../helpers/kinds';

const win = window as unknown as Record<string, unknown>;
const ITEM = {
  item_id: 'SKU_1',
  item_name: 'Tee',
  item_brand: 'Acme',
  item_category: 'Apparel',
  item_variant: 'green',
  price: '9.99',
  quantity: 2,
  index: 0,
  coupon: 'ITEM5',
  item_category2: 'Adult',
};
const PRODUCT = {
  product_id: 'SKU_1',
  sku: 'SKU_1',
  name: 'Tee',
  brand: 'Acme',
  category: 'Apparel',
  variant: 'green',
  price: 9.99,
  quantity: 2,
  position: 0,
  coupon: 'ITEM5',
};

describe('toSegmentEvents', () => {
  it('maps every GA4 ecommerce event the issue lists to its Segment v2 name', () => {
    expect(Object.fromEntries(Object.entries(GA4_TO_SEGMENT).map(([ga4, { name }]) => [ga4, name]))).toEqual({
      view_item_list: 'Product List Viewed',
      select_item: 'Product Clicked',
      view_item: 'Product Viewed',
      add_to_cart: 'Product Added',
      remove_from_cart: 'Product Removed',
      view_cart: 'Cart Viewed',
      begin_checkout: 'Checkout Started',
      add_shipping_info: 'Checkout Step Completed',
      add_payment_info: 'Payment Info Entered',
      purchase: 'Order Completed',
      refund: 'Order Refunded',
      add_to_wishlist: 'Product Added to Wishlist',
      view_promotion: 'Promotion Viewed',
      select_promotion: 'Promotion Clicked',
      search: 'Products Searched',
    });
  });

  it('maps the fields by the spec: order-level, products, one event per item for product events', () => {
    const purchase = {
      event: 'purchase',
      ecommerce: { transaction_id: 'T1', value: 19.98, tax: '1.5', shipping: 3, currency: 'EUR', coupon: 'SUMMER', items: [ITEM] },
    };
    expect(toSegmentEvents(purchase)).toEqual([
      [
        'Order Completed',
        { order_id: 'T1', revenue: 19.98, tax: 1.5, shipping: 3, coupon: 'SUMMER', currency: 'EUR', products: [PRODUCT] },
      ],
    ]);
    expect(toSegmentEvents({ event: 'refund', ecommerce: { transaction_id: 'T1', value: 5, currency: 'EUR' } })).toEqual([
      ['Order Refunded', { order_id: 'T1', total: 5, currency: 'EUR', products: [] }],
    ]);
    expect(toSegmentEvents({ event: 'add_to_cart', ecommerce: { currency: 'EUR', value: 1, items: [ITEM, { item_id: 'B' }] } })).toEqual([
      ['Product Added', { currency: 'EUR', ...PRODUCT }],
      ['Product Added', { currency: 'EUR', product_id: 'B', sku: 'B' }],
    ]);
    expect(toSegmentEvents({ event: 'view_item', ecommerce: { value: '19.98', items: [ITEM] } })).toEqual([
      ['Product Viewed', { value: 19.98, ...PRODUCT }],
    ]);
    expect(toSegmentEvents({ event: 'begin_checkout', ecommerce: { value: 4, coupon: 'C', items: [] } })).toEqual([
      ['Checkout Started', { revenue: 4, coupon: 'C', products: [] }],
    ]);
    expect(toSegmentEvents({ event: 'add_shipping_info', ecommerce: { shipping_tier: 'Ground' } })[0]).toEqual([
      'Checkout Step Completed',
      { shipping_method: 'Ground' },
    ]);
    expect(toSegmentEvents({ event: 'add_payment_info', ecommerce: { payment_type: 'Card' } })[0][1]).toEqual({ payment_method: 'Card' });
    expect(toSegmentEvents({ event: 'view_item_list', ecommerce: { item_list_id: 'L', items: [ITEM] } })[0][1]).toEqual({
      list_id: 'L',
      products: [PRODUCT],
    });
    expect(toSegmentEvents({ event: 'search', search_term: 'tee' })).toEqual([['Products Searched', { query: 'tee' }]]);
    expect(
      toSegmentEvents({
        event: 'view_promotion',
        ecommerce: { creative_slot: 'top', items: [{ promotion_id: 'P', promotion_name: 'Sale', creative_slot: 'x' }] },
      }),
    ).toEqual([['Promotion Viewed', { position: 'top', promotion_id: 'P', name: 'Sale' }]]);
  });

  it('reads only the push itself: other events, non-objects and prototype keys give nothing', () => {
    expect(toSegmentEvents({ event: 'gtm.js' })).toEqual([]);
    expect(toSegmentEvents({ event: 'constructor' })).toEqual([]);
    expect(toSegmentEvents(null)).toEqual([]);
    expect(toSegmentEvents({ event: 'add_to_cart', ecommerce: null })).toEqual([['Product Added', {}]]);
  });
});

describe('startEcommerce (dataLayer: { ecommerce: true })', () => {
  beforeEach(() => {
    delete win.dataLayer;
    delete win.shop;
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('sends earlier pushes at start, in order, then later ones; a { ecommerce: null } push leaks no stale items', () => {
    win.shop = [
      { event: 'view_item', ecommerce: { items: [ITEM] } },
      { ecommerce: null },
      { event: 'add_to_cart', ecommerce: { items: [{ item_id: 'B' }] } },
    ];
    const calls: unknown[][] = [];
    startEcommerce('shop', (...args) => calls.push(args));
    (win.shop as unknown[]).push({ ecommerce: null }, { event: 'purchase', ecommerce: { transaction_id: 'T9' } });
    expect(calls.map(([name, properties]) => [name, properties])).toEqual([
      ['Product Viewed', PRODUCT],
      ['Product Added', { product_id: 'B', sku: 'B' }],
      ['Order Completed', { order_id: 'T9', products: [] }],
    ]);
  });

  it('says a bad option once, naming the field, and keeps the rest', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    win.dataLayer = [{ event: 'purchase', ecommerce: { transaction_id: 'T1' } }];
    const calls: unknown[] = [];
    const api = { track: (name: unknown) => calls.push(name), identify: () => {} };
    const options = { dataLayer: { name: 'not a name', ecommerce: true, ecomerce: 1 } };
    startTracker(createRuleSet(), api, { options, loadKind: loadKinds, optionPieces: optionPieces(options) });
    expect(error.mock.calls.map(([, text]) => text)).toEqual([
      'dataLayer.ecomerce: unknown field (name or ecommerce)',
      'dataLayer.name: "not a name" is not a window property name such as "dataLayer"',
    ]);
    expect(calls).toEqual(['Order Completed']);
  });
});
