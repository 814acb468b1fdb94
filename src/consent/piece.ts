// Entry of the on-demand consent piece (dist/tally-consent.js): the state machine wired to the instance. Loaded when `consent`
// is configured, a choice is stored, or analytics.consent() is called; until then the core holds events (src/consent.ts).
import { createProblems } from '../config/readers';
import { logError } from '../errors';
import { deniedByGPC, readStoredChoice } from './start';
import { createConsent, readConsent, toChoice, type Consent } from './choice';
import { persistIdentity, storeChoice } from './persistence';
import type { Gate } from '../pipeline/gates';
import type { PieceContext, Pieces } from '../pieces/contract';

const states = new WeakMap<PieceContext, Consent>();

/** The instance's consent state, made on first use from the option, GPC and the stored choice. */
function open(host: PieceContext): Consent {
  let consent = states.get(host);
  if (!consent) {
    const problems = createProblems();
    const config = readConsent(problems, host.config.consent ?? undefined);
    problems.errors.forEach(logError);
    consent = createConsent(
      config,
      deniedByGPC(host.config.consent) ? { '*': false } : (parse(readStoredChoice()) ?? (config.required ? undefined : { '*': true })),
    );
    states.set(host, consent);
    apply(host, consent);
  }
  return consent;
}

function parse(stored: string | null) {
  try {
    return toChoice(JSON.parse(stored ?? 'null'));
  } catch {
    return undefined;
  }
}

/** Opens or closes identity's cookie + localStorage, and lets the buffer use storage from the first grant on. */
function apply(host: PieceContext, consent: Consent): void {
  const on = consent.collecting();
  const { storage } = host;
  if (storage.stores) persistIdentity(storage.stores, host.config.cookie, on);
  if (on && !storage.allowed()) {
    storage.allow();
    // Events earlier page views left in the buffer go out now that it may be opened.
    void host.analytics.flush();
  }
}

/** The consent gate the core's lazy gate fills with. */
export const consentGate = (host: PieceContext): Gate => open(host).gate;

/** `analytics.consent(choice)`: records it, releases or drops the held events, keeps it for the next pages. */
export function choose(host: PieceContext, input: unknown): void {
  const consent = open(host);
  const choice = consent.choose(input);
  if (!choice) return logError(new Error('consent() expects true, false or { category: boolean }'));
  storeChoice(choice);
  apply(host, consent);
  host.emitter.emit('consent', choice);
}

({ consentGate, choose }) satisfies Pieces['consent'];
