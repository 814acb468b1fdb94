// Reads the `crossDomain` option (pure): the hostnames whose links carry the visitor's anonymousId when clicked.
import { fieldsOf, readAny, reject, type Problems } from '../config/readers';

/** A hostname as a link's URL has it (letters, digits, hyphens, dots). */
const HOSTNAME = /^[a-z\d]([a-z\d-]*[a-z\d])?(\.[a-z\d]([a-z\d-]*[a-z\d])?)*$/;

/** `crossDomain: { domains: ['app.example.com'] }`: the hostnames, lower case; a bad one is reported and left out. */
export function readCrossDomain(problems: Problems, field: string, value: unknown): string[] | null {
  if (value === undefined) return null;
  const read = fieldsOf(problems, field, value);
  const domains = read('domains', readAny);
  read.unknown();
  if (!Array.isArray(domains)) {
    reject(problems, field + '.domains', 'an array of hostnames such as ["app.example.com"]; no link carries the id', domains);
    return null;
  }
  const what = 'a hostname such as "app.example.com" (no scheme, path or port); links to it keep no id';
  return domains
    .filter((domain, index) => {
      const ok = typeof domain === 'string' && HOSTNAME.test(domain.toLowerCase());
      if (!ok) reject(problems, `${field}.domains[${index}]`, what, domain);
      return ok;
    })
    .map((domain: string) => domain.toLowerCase());
}
