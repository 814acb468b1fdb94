// Touches window: the data layer piece (dist/tally-kind-data-layer.js), the runtime of `on: 'dataLayer'`: an object pushed to the page's data layer (`window.dataLayer`, or the array a rule's
// `dataLayer: { name }` names) whose `event` matches the rule's `event` pattern. Pushes made before the tracker started
// fire at start, in order; a rule that arrives later (a rules document) sees them too, once.
import { createProblems } from '../../config/readers';
import { logError } from '../../errors';
import { DEFAULT_LAYER, eventOf, latestFirst, onPushes, pushedTo, readPath } from '../../tracker/data-layer';
import { startEcommerce } from '../../tracker/ecommerce';
import type { Definition } from '../../rules/types';
import type { Pattern } from '../../rules/url-pattern';
import { readLayer } from './spec';
import type { KindPiece, TriggerRuntime } from '../trigger';

/** The load option `dataLayer: { name, ecommerce }`, as the kind read it at start (a rule's own name wins over `name`). */
let option: { name?: string; ecommerce?: boolean } = {};
/** A rule's data layer: the window property its `dataLayer.name` names, else the load option's, else `dataLayer`. */
const layerOf = (definition: Definition): string =>
  (definition as unknown as { dataLayer?: { name?: string } }).dataLayer?.name ?? option.name ?? DEFAULT_LAYER;
const patternOf = (definition: Definition) => (definition as unknown as { event: Pattern }).event;

/** Reads the load option `dataLayer`, saying each problem in the console once (a bad field is ignored, the rest applies). */
export function readOption(value: unknown): typeof option {
  if (value === null || value === undefined) return {};
  const problems = createProblems();
  const read = readLayer(problems, 'dataLayer', value, true);
  problems.errors.forEach(logError);
  return read;
}

/** Why a push does not fire a rule, or undefined when it does (its path gate aside). */
export function missOf(definition: Definition, item: unknown): string | undefined {
  const event = eventOf(item);
  if (event === undefined) return `a push without an event key on ${layerOf(definition)}`;
  return patternOf(definition).re.test(event)
    ? undefined
    : `push with event ${JSON.stringify(event)} does not match ${patternOf(definition).written}`;
}

/** The dataLayer runtime: no element; the push itself is what `data` sources read first. */
export const runtime: TriggerRuntime = {
  start(context) {
    option = readOption(context.options.dataLayer);
    // Rules that have seen the pushes made before them, by name: a rules document that arrives later replays them for its new rules only.
    const caughtUp = new Set<string>();
    const stops = new Map<string, () => void>();
    // `earlier`: the pushes before this one, latest first, which `data` sources read after the push (GTM's merged state then).
    const consider = (definition: Definition, item: unknown, earlier: () => unknown[]) => {
      if (!missOf(definition, item) && context.isFiredHere(definition))
        context.fire(definition, { data: (path) => readPath([item, ...earlier()], path) });
    };
    const onLayer = (name: string) => context.definitions().filter((definition) => layerOf(definition) === name);
    const sync = () => {
      const fresh = context.definitions().filter((definition) => !caughtUp.has(definition.name));
      for (const definition of fresh) caughtUp.add(definition.name);
      for (const name of new Set(fresh.map(layerOf))) {
        // Push by push, each to every rule on the layer, in the order the page pushed them.
        const items = pushedTo(name);
        const earlier = (i: number) => () => items.slice(0, i).reverse();
        items.forEach((item, i) => fresh.forEach((definition) => layerOf(definition) === name && consider(definition, item, earlier(i))));
        const live = (item: unknown) => onLayer(name).forEach((definition) => consider(definition, item, () => latestFirst(name).slice(1)));
        if (!stops.has(name)) stops.set(name, onPushes(name, live));
      }
    };
    sync();
    context.onChange(sync);
    // After the rules' replay of earlier pushes, as before the kind had a piece of its own.
    if (option.ecommerce) startEcommerce(option.name, context.track);
    return { stop: () => stops.forEach((stop) => stop()) };
  },
  explain: {
    // The preview hears each push as the tracker does: a hit, a miss with the push's event, and at start the rules no push fired yet.
    watch(definitions, say) {
      const onLayer = (name: string) => definitions().filter((definition) => layerOf(definition) === name);
      for (const name of new Set([DEFAULT_LAYER, ...definitions().map(layerOf)])) {
        const items = pushedTo(name);
        for (const definition of onLayer(name)) {
          const hits = items.filter((item) => !missOf(definition, item)).length;
          say(
            definition,
            hits ? undefined : `no push with event ${patternOf(definition).written} on ${name} yet (${items.length} pushes so far)`,
          );
        }
        onPushes(name, (item) => {
          if (eventOf(item) !== undefined) for (const definition of onLayer(name)) say(definition, missOf(definition, item));
        });
      }
    },
  },
};

({ runtime }) satisfies KindPiece;
