// Touches window, location and document: the picker's live test. Each DOM event a kind explains (a click, a submit),
// outside the picker, is explained against the rule being built; a rule on the page says at once whether it fires here.
import { explainedEvents, explainEvent, pathGate, type Surroundings } from '../debug/explain';
import { toUrlParts } from '../rules/url-pattern';
import { triggerOf } from '../triggers/list';
import { CORE_RUNTIMES, createRuntimes } from '../triggers/runtimes';
import type { Definition } from '../rules/types';
import type { LoadKind, TriggerRuntime } from '../triggers/trigger';
import type { Editor } from './editor';

/** The live test of one picker. */
export interface LiveTest {
  /** The rule being built changed (undefined while it has errors). */
  test(definition: Definition | undefined): void;
  /** Stops listening. */
  stop(): void;
}

/** What the live test asks the picker: where events go, the editor that shows its lines, and whether it is paused. */
export interface LiveTestInputs {
  destinations: readonly string[];
  integrations: Readonly<Record<string, unknown>>;
  /** The editor of the element picked now, if any. */
  editor(): Editor | undefined;
  /** True while the person hovers (nothing picked yet). */
  paused(): boolean;
  /** Whether an event's composed path is inside the picker itself. */
  inPicker(path: EventTarget[]): boolean;
  /** Gets the piece of a kind the rule being built uses (its explainer), when it is not bundled. */
  loadKind: LoadKind;
}

/** Starts the live test. */
export function startLiveTest(inputs: LiveTestInputs): LiveTest {
  const { destinations, integrations, paused, inPicker } = inputs;
  let definition: Definition | undefined;
  const surroundings = (): Surroundings => ({ destinations, integrations, parts: toUrlParts(location.href, document.referrer) });
  const onLive = (event: Event) => {
    const path = event.composedPath();
    const editor = inputs.editor();
    if (paused() || !editor || !definition || inPicker(path)) return;
    const [verdict] = explainEvent(event.type, [definition], path, surroundings(), runtimes.of);
    if (verdict) editor.report(`${verdict.fired ? 'hit' : 'miss'}: ${verdict.reason}`, verdict.fired ? 'good' : 'bad');
  };
  const runtimes = createRuntimes(inputs.loadKind);
  const types = new Set<string>();
  const listen = (_key: string, runtime: TriggerRuntime) => {
    for (const type of explainedEvents(runtime)) {
      if (types.has(type)) continue;
      types.add(type);
      addEventListener(type, onLive, true);
    }
  };
  Object.entries(CORE_RUNTIMES).forEach(([key, runtime]) => listen(key, runtime));
  return {
    test(compiled) {
      definition = compiled;
      if (compiled) runtimes.need([compiled], [], listen);
      const view = inputs.editor();
      if (!view || !compiled || triggerOf(compiled.on)?.target !== 'page') return;
      const why = pathGate(compiled, surroundings().parts);
      view.report(
        why ? `this page: would not fire (${why})` : 'this page: would fire on load and on each route change',
        why ? 'bad' : 'good',
      );
    },
    stop: () => types.forEach((type) => removeEventListener(type, onLive, true)),
  };
}
