// The visitor's IP: the platform's address unless the edge is told it sits behind proxies, and then only a valid IP.
import { describe, expect, it } from 'vitest';
import { clientIp, isIp } from '../../src/edge/ip';

describe('isIp', () => {
  it('takes IPv4 dotted quads and IPv6 addresses, nothing else', () => {
    for (const ip of ['203.0.113.1', '0.0.0.0', '::1', '2001:db8::1', '::ffff:192.0.2.1', 'fe80::1']) expect(isIp(ip)).toBe(true);
    for (const bad of ['256.1.1.1', '1.2.3', 'a.b.c.d', '203.0.113.1:80', '[::1]', 'x'.repeat(4000), '<script>', '', 'unknown', '1::2::3'])
      expect(isIp(bad)).toBe(false);
  });
});

describe('clientIp', () => {
  const request = (forwardedFor?: string) =>
    new Request('https://shop.example/t/s/batch', { headers: forwardedFor ? { 'x-forwarded-for': forwardedFor } : {} });
  it('ignores X-Forwarded-For unless trustProxy says a proxy sits in front (any client can write it)', () => {
    expect(clientIp(request('203.0.113.1'), '198.51.100.2')).toBe('198.51.100.2');
    expect(clientIp(request('203.0.113.1'), '::ffff:10.0.0.1')).toBe('10.0.0.1');
    expect(clientIp(request('203.0.113.1'))).toBeUndefined();
    expect(clientIp(request(), 'not an ip')).toBeUndefined();
  });
  it('with trustProxy: true the first entry, with a number of proxies the entry that many hops from the end', () => {
    expect(clientIp(request(' 203.0.113.1 , 10.0.0.1'), '::ffff:10.0.0.1', true)).toBe('203.0.113.1');
    // A client that forged an entry before the one your proxy appended: one hop trusted, the forged one skipped.
    expect(clientIp(request('6.6.6.6, 203.0.113.1'), '10.0.0.1', 1)).toBe('203.0.113.1');
    expect(clientIp(request('6.6.6.6, 203.0.113.1, 10.0.0.5'), '10.0.0.1', 2)).toBe('203.0.113.1');
    expect(clientIp(request('203.0.113.1'), '10.0.0.1', 3)).toBe('10.0.0.1');
    // Not an IP: the platform's address.
    expect(clientIp(request('<script>, 203.0.113.1'), '10.0.0.1', true)).toBe('10.0.0.1');
    expect(clientIp(request('x'.repeat(5000)), '10.0.0.1', true)).toBe('10.0.0.1');
  });
});
