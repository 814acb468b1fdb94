// Touches document and location: links to the domains of `crossDomain` get the visitor's anonymousId (`ajs_aid`) and the
// click's time (`tally_ts`) as they are clicked; the landing side is in the core (src/identity/cross-domain-landing.ts).
import { decorateHref } from '../identity/cross-domain';
import { safely } from '../errors';

/**
 * Adds `ajs_aid` and `tally_ts` to each link to one of `domains` as it is clicked (or middle-clicked): at the click, so
 * the timestamp is the click's and a link copied from the page carries no id.
 */
export function decorateCrossDomainLinks(domains: readonly string[], anonymousId: () => string): void {
  const onClick = (event: Event) => {
    // composedPath: a link inside a shadow root is found too.
    for (const target of event.composedPath()) {
      const link = target as HTMLAnchorElement;
      if (link.localName !== 'a' && link.localName !== 'area') continue;
      // An SVG link's href is not a string: left as it is.
      const href = typeof link.href === 'string' && decorateHref(link.href, location.href, domains, anonymousId(), Date.now());
      if (href) link.href = href;
      return;
    }
  };
  // Capture: before the page's own handlers read the href (a router, trackLink).
  document.addEventListener('click', (event) => safely(() => onClick(event)), true);
  document.addEventListener('auxclick', (event) => safely(() => onClick(event)), true);
}
