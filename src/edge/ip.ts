// The visitor's IP address, for each event's context.ip: Segment fills context.ip from the address that posted the batch,
// which through an edge would be the edge's, so every visitor would be geolocated where the edge runs.

/**
 * The visitor's address: the platform's own (`platformAddress`: Workers' CF-Connecting-IP, Deno's remoteAddr, Bun's
 * requestIP, the Node socket) when it is public; when it is private or loopback, a proxy sits in front, so the first
 * `X-Forwarded-For` entry (the client as the proxy saw it); else the platform's. For geolocation only: a client that
 * forges X-Forwarded-For to a private-address edge misplaces only itself.
 */
export function clientIp(request: Request, platformAddress?: string): string | undefined {
  const platform = platformAddress ? unmapped(platformAddress) : undefined;
  if (platform && !isPrivate(platform)) return platform;
  const forwarded = request.headers.get('x-forwarded-for')?.split(',')[0]?.trim();
  return forwarded || platform;
}

/** `::ffff:192.0.2.1` (an IPv4 client on a dual-stack socket) → `192.0.2.1`. */
function unmapped(address: string): string {
  return address.replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i, '$1');
}

/** Loopback, private (RFC 1918, RFC 4193), link-local or CGNAT addresses: a proxy's, not a visitor's. */
export function isPrivate(address: string): boolean {
  const v4 = /^(\d+)\.(\d+)\.\d+\.\d+$/.exec(address);
  if (v4) {
    const [a, b] = [Number(v4[1]), Number(v4[2])];
    return (
      a === 10 ||
      a === 127 ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) ||
      (a === 169 && b === 254) ||
      (a === 100 && b >= 64 && b <= 127)
    );
  }
  const v6 = address.toLowerCase();
  return v6 === '::1' || /^f[cd]/.test(v6) || /^fe[89ab]/.test(v6);
}
