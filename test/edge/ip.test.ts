// The visitor's address: which addresses are a proxy's (private, loopback, link-local, CGNAT) and which a visitor's.
import { describe, expect, it } from 'vitest';
import { clientIp, isPrivate } from '../../src/edge/ip';

describe('isPrivate', () => {
  it('knows loopback, RFC 1918, link-local, CGNAT and IPv6 local addresses from public ones', () => {
    const local = [
      '127.0.0.1',
      '10.1.2.3',
      '172.16.0.1',
      '172.31.255.255',
      '192.168.1.1',
      '169.254.0.1',
      '100.64.0.1',
      '::1',
      'fd00::1',
      'fe80::1',
    ];
    const visitors = ['203.0.113.7', '172.32.0.1', '172.15.0.1', '100.128.0.1', '8.8.8.8', '2001:db8::1'];
    expect(local.filter(isPrivate)).toEqual(local);
    expect(visitors.filter(isPrivate)).toEqual([]);
  });
});

describe('clientIp', () => {
  const request = (forwardedFor?: string) =>
    new Request('https://shop.example/t/s/batch', { headers: forwardedFor ? { 'x-forwarded-for': forwardedFor } : {} });
  it('takes a public platform address, else the first X-Forwarded-For entry, else the private platform address', () => {
    expect(clientIp(request('203.0.113.1'), '198.51.100.2')).toBe('198.51.100.2');
    expect(clientIp(request(' 203.0.113.1 , 10.0.0.1'), '::ffff:10.0.0.1')).toBe('203.0.113.1');
    expect(clientIp(request(), '::ffff:10.0.0.1')).toBe('10.0.0.1');
    expect(clientIp(request('203.0.113.1'))).toBe('203.0.113.1');
    expect(clientIp(request())).toBeUndefined();
  });
});
