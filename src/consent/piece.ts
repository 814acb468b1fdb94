// Entry of the on-demand consent piece (dist/tally-consent.js): the state machine wired to the instance. Loaded when `consent`
// is configured, a choice is stored, or analytics.consent() is called; until then the core holds events (src/consent.ts).
import { createProblems } from '../config/readers';
import { logError } from '../api/errors';
import { deniedByGPC, readStoredChoice } from './start';
import { createConsent, readConsent, sameChoice, toChoice, type Consent, type ConsentHooks } from './choice';
import { persistIdentity, storeChoice } from './persistence';
import { createConsentModeLog, toConsentStatus } from './consent-mode';
import { watchCmp } from './cmp';
import type { ConsentConfig } from './options';
import type { ConsentSource } from './sources/source';
import type { Gate } from '../pipeline/gates';
import type { Host } from '../api/analytics';

/** Segment's event for a changed choice (segment-docs privacy/consent-management/consent-in-unify). */
export const PREFERENCE_UPDATED = 'Segment Consent Preference Updated';

/** One instance's consent: the state machine, and whether a choice was made (here, by the CMP, or on an earlier page). */
interface ConsentState {
  consent: Consent;
  chosen: boolean;
}

const states = new WeakMap<Host, ConsentState>();

/** The instance's consent state, made on first use from the option, GPC and the stored choice; starts reading the CMP. */
function open(host: Host): ConsentState {
  let state = states.get(host);
  if (!state) {
    const problems = createProblems();
    const config = readConsent(problems, host.config.consent ?? undefined);
    problems.errors.forEach(logError);
    const gpc = deniedByGPC(host.config.consent);
    const stored = gpc ? { '*': false } : parse(readStoredChoice());
    // Consent Mode's signals go on every event whenever the page has them, whatever `from` says.
    const consentMode = createConsentModeLog();
    const hooks: ConsentHooks = { signals: () => toConsentStatus(consentMode()) };
    state = { consent: createConsent(config, stored ?? (config.required ? undefined : { '*': true }), hooks), chosen: !!stored };
    states.set(host, state);
    apply(host, state.consent);
    // GPC is a standing denial: only an explicit analytics.consent(...) overrides it, never the CMP.
    if (config.from && !gpc) hooks.beforeEvent = startCmp(host, config.from, config, state);
  }
  return state;
}

/** Reads `consent.from`'s CMP: each new answer is recorded as analytics.consent(...) would; returns the per-event look. */
function startCmp(host: Host, source: ConsentSource, config: ConsentConfig, state: ConsentState): () => void {
  const ids = Object.values(config.categories).flat();
  const watch = watchCmp({
    source,
    ids,
    waitMs: config.waitMs,
    decide: (choice) => void record(host, choice),
    decided: () => state.chosen,
  });
  return watch.refresh;
}

function parse(stored: string | null) {
  try {
    return toChoice(JSON.parse(stored ?? 'null'));
  } catch {
    return undefined;
  }
}

/** Opens or closes identity's cookie + localStorage, and lets the buffer use storage from the first grant on. */
function apply(host: Host, consent: Consent): void {
  const on = consent.collecting();
  if (host.stores) persistIdentity(host.stores, host.config.cookie, on);
  if (on && !host.storing) {
    host.storing = true;
    // Events earlier page views left in the buffer go out now that it may be opened.
    void host.analytics.flush();
  }
}

/** The consent gate the core's lazy gate fills with. */
export const consentGate = (host: Host): Gate => open(host).consent.gate;

/**
 * Records a choice (from analytics.consent or the CMP): releases or drops the held events, keeps it for the next pages,
 * and, when it changes an earlier choice and something is granted, sends Segment's preference event (to Segment only: it
 * is Segment's spec; its categoryPreferences come from the gate like every event's). False for an unusable input.
 */
function record(host: Host, input: unknown): boolean {
  const state = open(host);
  const before = state.chosen ? state.consent.choice() : undefined;
  const choice = state.consent.choose(input);
  if (!choice) return false;
  state.chosen = true;
  storeChoice(choice);
  apply(host, state.consent);
  host.emitter.emit('consent', choice);
  if (before && !sameChoice(before, choice) && state.consent.collecting())
    host.analytics.track(PREFERENCE_UPDATED, {}, { integrations: { All: false, 'Segment.io': true } });
  return true;
}

/** `analytics.consent(choice)`: records it, releases or drops the held events, keeps it for the next pages. */
export function choose(host: Host, input: unknown): void {
  if (!record(host, input)) logError(new Error('consent() expects true, false or { category: boolean }'));
}
