// One page view's consent, apart from the instance: the state machine, the CMP it reads (`consent.from`), Consent Mode's
// signals, and what a recorded choice sets off. The consent piece (piece.ts) wires it to the instance through `effects`.
import { createConsent, sameChoice, type Consent, type ConsentChoice, type ConsentHooks } from './choice';
import { createConsentModeLog, toConsentStatus } from './consent-mode';
import { watchCmp } from './cmp';
import type { ConsentConfig } from './options';

/** Segment's event for a changed choice (segment-docs privacy/consent-management/consent-in-unify). */
export const PREFERENCE_UPDATED = 'Segment Consent Preference Updated';

/** What a recorded choice does to the instance. */
export interface ConsentEffects {
  /** Keeps the choice, opens or closes storage and identity's cookies, tells the page (`consent` event). */
  applied(choice: ConsentChoice): void;
  /** Tracks an event (the preference event) with these call options. */
  track(name: string, options: Record<string, unknown>): void;
}

/** A page view's consent: the state machine, and `record` for each choice (analytics.consent or the CMP). */
export interface ConsentSession {
  readonly consent: Consent;
  /** Records a choice; false for an unusable input. */
  record(input: unknown): boolean;
  /** Starts reading the CMP, once the instance can take its answers (one may come at once). */
  start(): void;
}

/**
 * Starts from `stored` (an earlier page's choice, or a denial under honoured GPC), else undecided when `required`, else
 * everything granted. A choice that changes an earlier one (not the implied default) and grants something sends
 * Segment's preference event, to Segment only: it is Segment's spec; its categoryPreferences come from the gate.
 */
export function createConsentSession(
  config: ConsentConfig,
  stored: ConsentChoice | undefined,
  gpc: boolean,
  effects: ConsentEffects,
): ConsentSession {
  // Consent Mode's signals go on every event whenever the page has them, whatever `from` says.
  const consentMode = createConsentModeLog();
  const hooks: ConsentHooks = { signals: () => toConsentStatus(consentMode()) };
  const consent = createConsent(config, stored ?? (config.required ? undefined : { '*': true }), hooks);
  let chosen = !!stored;

  function record(input: unknown): boolean {
    const before = chosen ? consent.choice() : undefined;
    const choice = consent.choose(input);
    if (!choice) return false;
    chosen = true;
    effects.applied(choice);
    if (before && !sameChoice(before, choice) && consent.collecting())
      effects.track(PREFERENCE_UPDATED, { integrations: { All: false, 'Segment.io': true } });
    return true;
  }

  return {
    consent,
    record,
    start() {
      // GPC is a standing denial: only an explicit analytics.consent(...) overrides it, never the CMP.
      if (!config.from || gpc) return;
      const watch = watchCmp({
        source: config.from,
        ids: Object.values(config.categories).flat(),
        waitMs: config.waitMs,
        decide: (choice) => void record(choice),
        decided: () => chosen,
      });
      // A change the CMP made since the last look applies to the next event.
      hooks.beforeEvent = watch.refresh;
    },
  };
}
