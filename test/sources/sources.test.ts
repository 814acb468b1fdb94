// @vitest-environment happy-dom
// The property sources of src/sources/: each reads its value, converts it with `as`, and is validated at load with an
// error naming the field.
import { afterEach, describe, expect, it } from 'vitest';
import { createProblems } from '../../src/config/readers';
import { readEvents, type Definition } from '../../src/rules/definitions';
import { readProperties } from '../../src/tracker/properties';

const HREF = 'https://shop.example.com/products/shoes/42?ref=mail#reviews';

const define = (properties: object): Definition => {
  const problems = createProblems();
  const [compiled] = readEvents(problems, { X: { on: 'page', properties } });
  expect(problems.errors.map((error) => error.message)).toEqual([]);
  return compiled;
};
const read = (properties: object, data?: (path: string) => unknown) => readProperties(define(properties), undefined, HREF, {}, data);
const errorsOf = (properties: object) => {
  const problems = createProblems();
  readEvents(problems, { X: { on: 'page', properties } });
  return problems.errors.map((error) => error.message);
};

afterEach(() => {
  document.head.replaceChildren();
  document.body.replaceChildren();
  for (const pair of document.cookie.split(/;\s*/)) if (pair) document.cookie = `${pair.split('=')[0]}=; max-age=0`;
});

describe('property sources', () => {
  it('read meta tags by name or property', () => {
    document.head.innerHTML = '<meta property="og:title" content="Red  Shoes"><meta name="price" content="$1,299.00">';
    expect(read({ title: { meta: 'og:title' }, price: { meta: 'price', as: 'number' }, none: { meta: 'og:nope' } })).toEqual({
      title: 'Red Shoes',
      price: 1299,
      none: undefined,
    });
  });

  it('read the first JSON-LD object of the type, through lists and @graph', () => {
    document.head.innerHTML = [
      '<script type="application/ld+json">{ not json</script>',
      '<script type="application/ld+json">{"@type":"Organization","name":"Shop"}</script>',
      '<script type="application/ld+json">{"@graph":[{"@type":["Product"],"name":"Shoe","offers":[{"price":"1.299,00","priceCurrency":"EUR"},{"price":"5"}]}]}</script>',
    ].join('');
    expect(
      read({
        price: { jsonLd: 'offers.price', as: 'number' },
        second: { jsonLd: 'offers.1.price' },
        org: { jsonLd: 'name', type: 'Organization' },
        missing: { jsonLd: 'brand.name' },
      }),
    ).toEqual({ price: 1299, second: '5', org: 'Shop', missing: undefined });
  });

  it('read one named cookie, decoded', () => {
    document.cookie = 'plan=pro%20yearly';
    document.cookie = 'beta=1';
    expect(read({ plan: { cookie: 'plan' }, beta: { cookie: 'beta', as: 'boolean' }, none: { cookie: 'gone' } })).toEqual({
      plan: 'pro yearly',
      beta: true,
      none: undefined,
    });
  });

  it('read URL parts, path segments and host labels', () => {
    expect(
      read({
        path: { urlPart: 'path' },
        first: { urlPart: 'path', index: 1 },
        id: { urlPart: 'path', index: -1, as: 'number' },
        beyond: { urlPart: 'path', index: 9 },
        query: { urlPart: 'query' },
        hash: { urlPart: 'hash' },
        host: { urlPart: 'host' },
        sub: { urlPart: 'host', index: 1 },
      }),
    ).toEqual({
      path: '/products/shoes/42',
      first: 'products',
      id: 42,
      beyond: undefined,
      query: 'ref=mail',
      hash: 'reviews',
      host: 'shop.example.com',
      sub: 'shop',
    });
  });

  it('read a regex capture group against the URL', () => {
    expect(read({ id: { regex: '/products/\\w+/(\\d+)' }, none: { regex: '/cart/(\\d+)' } })).toEqual({ id: '42', none: undefined });
  });

  it('read the data layer through the firing push, with as', () => {
    const data = (path: string) => ({ 'ecommerce.value': '19.90' })[path];
    expect(read({ value: { data: 'ecommerce.value', as: 'number' } }, data)).toEqual({ value: 19.9 });
  });

  it('are validated at load, naming the field', () => {
    expect(errorsOf({ a: { cookie: 'a b' } })[0]).toMatch(/^events\["X"\]\.properties\.a\.cookie: expected one cookie name/);
    expect(errorsOf({ a: { cookie: ['a', 'b'] } })[0]).toMatch(/properties\.a\.cookie: expected one cookie name/);
    expect(errorsOf({ a: { urlPart: 'port' } })[0]).toMatch(/properties\.a\.urlPart: expected one of "path", "query", "hash", "host"/);
    expect(errorsOf({ a: { urlPart: 'query', index: 1 } })[0]).toMatch(/properties\.a\.index: only with urlPart "path" or "host"/);
    expect(errorsOf({ a: { index: 1 } })[0]).toMatch(/properties\.a\.urlPart: required/);
    expect(errorsOf({ a: { urlPart: 'path', index: 0 } })[0]).toMatch(/properties\.a\.index: expected a whole number/);
    expect(errorsOf({ a: { regex: '/products/\\d+' } })[0]).toMatch(/properties\.a\.regex: .* capture group/);
    expect(errorsOf({ a: { regex: '(a+)+$' } })[0]).toMatch(/properties\.a\.regex: .*ReDoS/);
    expect(errorsOf({ a: { regex: '(' } })[0]).toMatch(/properties\.a\.regex: .* capture group/);
    expect(errorsOf({ a: { meta: 'x', as: 'date' } })[0]).toMatch(/properties\.a\.as: expected one of "number", "boolean"/);
    expect(errorsOf({ a: { meta: 'x', cookie: 'y' } })[0]).toMatch(/properties\.a\.cookie: not with meta: a property has one source/);
    expect(errorsOf({ a: { jsonLd: 'offers.__proto__' } })[0]).toMatch(/properties\.a\.jsonLd: .*__proto__ is refused/);
    expect(errorsOf({ a: { type: 'Product' } })[0]).toMatch(/properties\.a\.jsonLd: required/);
    expect(errorsOf({ a: { cokie: 'x' } })[0]).toMatch(/properties\.a\.cokie: unknown field \(did you mean cookie\?\)/);
    expect(errorsOf({ a: { meta: 'x', as: 'number' }, b: { urlPart: 'path', index: -1 } })).toEqual([]);
  });
});
