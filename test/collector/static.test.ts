import { describe, expect, it } from 'vitest';
import { join, resolve } from 'node:path';
import { resolveInside } from '../../collector/static.mjs';

const base = resolve('/srv/examples');

describe('resolveInside', () => {
  it('resolves paths inside the base', () => {
    expect(resolveInside(base, '/index.html')).toBe(join(base, 'index.html'));
    expect(resolveInside(base, '/')).toBe(base);
    expect(resolveInside(base, '/a%20b.html')).toBe(join(base, 'a b.html'));
  });

  it('refuses traversal, encoded slashes, backslashes and NUL', () => {
    expect(resolveInside(base, '/../package.json')).toBeNull();
    expect(resolveInside(base, '/..%2fpackage.json')).toBeNull();
    expect(resolveInside(base, '/%2e%2e/%2e%2e/etc/passwd')).toBeNull();
    expect(resolveInside(base, '/a/..%5c..%5cx')).toBeNull();
    expect(resolveInside(base, '/index.html%00.js')).toBeNull();
    expect(resolveInside(base, '/%E0%A4%A')).toBeNull();
  });
});
