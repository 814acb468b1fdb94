// Touches navigator: the core's wiring of the bot filter. For a user agent the core cannot rule out, identity and the
// buffer stay in memory and events wait at the bots gate until its piece decides; a visitor it clears gets storage then.
import { suspectsBot } from './suspect';
import { persistIdentity } from '../consent/persistence';
import { attempt } from '../errors';
import type { Config } from '../config/config';
import type { ConsentStart } from '../consent/start';
import type { IdentityStores } from '../consent/persistence';
import type { Session } from '../session/session';
import type { BotsGate } from '../pieces/contract';
import type { LazyGate } from '../pipeline/gates';

/** How a page view starts once the bot filter had its look: whether the piece must decide, and what may be stored meanwhile. */
export interface BotHold {
  suspect: boolean;
  /** Whether storage stays closed until the piece decides (`'drop'`, `'strict'`). */
  holding: boolean;
  start: ConsentStart;
}

/** The instance's state the hold closes and opens (src/api/host.ts's Host): storage, identity's stores, the session. */
export interface HeldState {
  storing: boolean;
  readonly stores?: IdentityStores;
  readonly config: Config;
  session?: Session;
  /** Set while held; a consent grant made meanwhile is kept in `granted`. */
  botHold?: { granted: boolean };
  readonly analytics: { flush(): Promise<void> };
}

/** With `'drop'` or `'strict'`, a suspect writes nothing (no cookie, no localStorage) until the piece clears it. */
export function holdForBots(config: Config, consent: ConsentStart): BotHold {
  const suspect = suspectsBot(
    config.bots,
    attempt(() => navigator.userAgent, ''),
  );
  const holding = suspect && config.bots !== 'flag';
  return { suspect, holding, start: holding ? { ...consent, storing: false } : consent };
}

/**
 * Fills the bots gate for a suspect; once the piece answers "not a crawler" (or cannot be loaded: the gate fails open),
 * opens the storage the hold kept closed, if consent allowed it (at the start, or since), and sends what earlier page
 * views left. A crawler stays held: nothing is ever stored for it.
 */
export function decideBots(host: HeldState, hold: BotHold, consent: ConsentStart, gate?: LazyGate<BotsGate>): void {
  if (!hold.suspect || !gate) return;
  if (hold.holding) host.botHold = { granted: false };
  void gate.fill().then((gate) => {
    if (gate?.reason || !host.botHold) return;
    const granted = consent.storing || host.botHold.granted;
    host.botHold = undefined;
    if (!granted) return;
    if (host.stores) persistIdentity(host.stores, host.config.cookie, true);
    host.storing = true;
    host.session?.save(Date.now());
    void host.analytics.flush();
  });
}
