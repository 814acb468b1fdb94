// The visitor's IP address, for each event's context.ip: Segment fills context.ip from the address that posted the batch,
// which through an edge would be the edge's, so every visitor would be geolocated where the edge runs.

/**
 * Whether the edge sits behind proxies that set X-Forwarded-For: `false` (the default: any client can write that
 * header, so it is ignored), `true` (trust its first entry: the client as the outermost proxy saw it), or a number of
 * proxies (trust the entry that many hops from the end: what the outermost of your own proxies saw).
 */
export type TrustProxy = boolean | number;

/**
 * The visitor's address: with `trustProxy`, the X-Forwarded-For entry it names when that is a valid IP address; else
 * the platform's own (`platformAddress`: Workers' CF-Connecting-IP, Deno's remoteAddr, Bun's requestIP, the Node socket).
 */
export function clientIp(request: Request, platformAddress?: string, trustProxy: TrustProxy = false): string | undefined {
  const platform = platformAddress && isIp(unmapped(platformAddress)) ? unmapped(platformAddress) : undefined;
  if (trustProxy === false) return platform;
  const entries = (request.headers.get('x-forwarded-for') ?? '').split(',').map((entry) => entry.trim());
  const forwarded = trustProxy === true ? entries[0] : entries[entries.length - trustProxy];
  return forwarded && isIp(unmapped(forwarded)) ? unmapped(forwarded) : platform;
}

/** `::ffff:192.0.2.1` (an IPv4 client on a dual-stack socket) → `192.0.2.1`. */
function unmapped(address: string): string {
  return address.replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i, '$1');
}

/** Whether `address` is an IPv4 dotted quad or an IPv6 address (no port, no zone, no brackets). */
export function isIp(address: string): boolean {
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(address);
  if (v4) return v4.slice(1).every((part) => Number(part) <= 255);
  if (!/^[0-9a-f:.]{2,45}$/i.test(address) || !address.includes(':')) return false;
  try {
    // The URL parser knows IPv6's forms (::, embedded IPv4); it throws on anything else.
    new URL(`http://[${address}]/`);
    return true;
  } catch {
    return false;
  }
}
