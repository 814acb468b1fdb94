// Reads the `crossDomain` option (pure): the hostnames whose links carry the visitor's anonymousId when clicked.
import { fieldsOf, readAny, type Problems } from '../config/readers';

/** A hostname as a link's URL has it (letters, digits, hyphens, dots). */
const HOSTNAME = /^[a-z\d]([a-z\d-]*[a-z\d])?(\.[a-z\d]([a-z\d-]*[a-z\d])?)*$/;

/** `crossDomain: { domains: ['app.example.com'] }`: the hostnames, lower case; a bad one is reported and left out. */
export function readCrossDomain(problems: Problems, field: string, value: unknown): string[] | null {
  if (value === undefined) return null;
  const read = fieldsOf(problems, field, value);
  const domains = read('domains', readAny);
  read.unknown();
  // T114 and T115: the sentences come from the messages piece.
  if (!Array.isArray(domains)) {
    problems.flag('T114', field + '.domains', domains);
    return null;
  }
  return domains
    .filter((domain, index) => {
      const ok = typeof domain === 'string' && HOSTNAME.test(domain.toLowerCase());
      if (!ok) problems.flag('T115', `${field}.domains[${index}]`, domain);
      return ok;
    })
    .map((domain: string) => domain.toLowerCase());
}
