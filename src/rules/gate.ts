// The events gate (pure given the page): trigger paths (fire / dontFire) and per-event destination toggles, for every event of a defined name.
import { PAGE_KEY, type Definition } from './definitions';
import { matchUrl, toUrlParts, type UrlParts } from './url-pattern';
import type { Gate } from '../pipeline/gates';
import type { RuleSet } from './rule-set';
import type { BufferedPage } from '../event/types';

/** Whether an event may fire on this URL: a `dontFire` match always stops it; with a `fire` list, one must match; without one it fires everywhere. */
export function isFiredOn(definition: Pick<Definition, 'fire' | 'dontFire'>, parts: UrlParts): boolean {
  const matches = (pattern: Definition['fire'][number]) => matchUrl(pattern, parts);
  return !definition.dontFire.some(matches) && (!definition.fire.length || definition.fire.some(matches));
}

/**
 * The gate that applies each definition to the events of its name, from a rule or from app code: track events by
 * name, page() views by the reserved `$page` entry. Toggles become `integrations` flags, so route.ts still decides. The
 * definitions in force are read per event: a fresh rules document applies from the next event.
 */
export function createEventsGate(rules: Pick<RuleSet, 'get'>, readPage: () => Pick<BufferedPage, 'href' | 'referrer'>): Gate {
  return {
    name: 'events',
    run(event, call) {
      const definition = rules.get((event.type === 'page' ? PAGE_KEY : event.event) as string);
      if (!definition) return { event };
      const page = call.page?.href ? call.page : readPage();
      // True without fire or dontFire lists (the URL parse is then spent for nothing, on events of a defined name only).
      if (!isFiredOn(definition, toUrlParts(page.href, page.referrer)))
        return { stopped: `"${definition.name}" is not fired on this page` };
      return { event: { ...event, integrations: { ...event.integrations, ...definition.destinations } } };
    },
  };
}
