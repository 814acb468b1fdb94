// Entry of the on-demand consent piece (dist/tally-consent.js): the state machine wired to the instance, and the site's
// consent tool (consent.from) read through its source. Loaded when `consent` is configured, a choice is stored, or
// analytics.consent() is called; until then the core holds events (src/consent/start.ts).
import { createProblems } from '../config/readers';
import { logError } from '../errors';
import { deniedByGPC, readStoredChoice } from './start';
import { readConsent, toChoice, type Consent } from './choice';
import { persistIdentity, storeChoice } from './persistence';
import { createConsentSession, type ConsentSession } from './session';
import type { Gate } from '../pipeline/gates';
import type { PieceContext, Pieces } from '../pieces/contract';
import { useCatalog } from '../errors';
import { MESSAGES } from '../messages/catalog';

// The shared option readers report by code: this piece says their sentences itself (the core fetches them on demand).
useCatalog(MESSAGES);

const states = new WeakMap<PieceContext, ConsentSession>();

/** The instance's consent state, made on first use from the option, GPC and the stored choice; then reads the CMP. */
function open(host: PieceContext): ConsentSession {
  let session = states.get(host);
  if (!session) {
    const problems = createProblems();
    const config = readConsent(problems, host.config.consent ?? undefined);
    problems.errors.forEach(logError);
    const gpc = deniedByGPC(host.config.consent);
    const created: ConsentSession = createConsentSession(config, gpc ? { '*': false } : parse(readStoredChoice()), gpc, {
      applied(choice) {
        storeChoice(choice);
        apply(host, created.consent);
        host.emitter.emit('consent', choice);
      },
      track: (name, options) => void host.analytics.track(name, {}, options),
    });
    session = created;
    states.set(host, session);
    apply(host, session.consent);
    session.start();
  }
  return session;
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
export const consentGate = (host: PieceContext): Gate => open(host).consent.gate;

/** `analytics.consent(choice)`: records it, releases or drops the held events, keeps it for the next pages. */
export function choose(host: PieceContext, input: unknown): void {
  if (!open(host).record(input)) logError(new Error('consent() expects true, false or { category: boolean }'));
}

({ consentGate, choose }) satisfies Pieces['consent'];
