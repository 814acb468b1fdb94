// Touches timers and window: keeps one consent source (sources/) read, from the piece's start to the page's end, and hands
// each new answer of the CMP to the consent piece, which applies it as it applies analytics.consent(...).
import { logError, logWarning } from '../errors';
import { sameChoice, type ConsentChoice } from './choice';
import type { ConsentSource } from './sources/source';

/** How often a CMP that has not answered yet is looked at again (its stub or global may appear at any time). */
const POLL_MS = 250;

/** What the watch needs from the consent piece. */
export interface CmpWatchOptions {
  source: ConsentSource;
  /** The category ids the site mapped (TCF reads vendor consent only for those). */
  ids: readonly string[];
  /** How long the first answer may take before one console warning says that events are held. */
  waitMs: number;
  /** Applies a new answer of the CMP. */
  decide(choice: ConsentChoice): void;
  /** Whether some choice is in force (from the CMP, an earlier page or analytics.consent), so no warning is due. */
  decided(): boolean;
}

/** A running watch: `refresh` reads the CMP now (before each event); `stop` removes every listener and timer. */
export interface CmpWatch {
  refresh(): void;
  stop(): void;
}

/** Starts reading `source`; an explicit analytics.consent(...) wins until the CMP announces a different answer. */
export function watchCmp(options: CmpWatchOptions): CmpWatch {
  const { source, waitMs } = options;
  let last: ConsentChoice | undefined;
  let poll: ReturnType<typeof setInterval> | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  /** Runs a call into the CMP's code; one that throws is reported once and read as "no answer". */
  const guard = <T>(what: string, run: () => T): T | undefined => {
    try {
      return run();
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      logError(
        `consent.from: ${source.label} threw while tally ${what} it (${message}): its choice is not read, so events stay ` +
          'held, unsent, until it answers or analytics.consent(...) decides. Check the CMP script on this page.',
      );
      return undefined;
    }
  };
  const settle = () => {
    clearInterval(poll);
    clearTimeout(timer);
    removeEventListener('pagehide', giveUp);
  };
  function giveUp() {
    settle();
    if (!options.decided())
      logWarning(
        `consent.from: ${source.label} gave no choice within ${waitMs} ms: events are held, not sent, and are dropped ` +
          'when the page closes unless it answers first. Check that the CMP loads on this page.',
      );
  }
  const reader = guard('created a reader for', () => source.create(options.ids));
  const refresh = () => {
    const answer = reader && guard('read', () => reader.read());
    if (!answer || sameChoice(answer, last)) return;
    last = answer;
    settle();
    options.decide(answer);
  };
  if (reader) guard('listened to', () => reader.start(refresh));
  refresh();
  if (!last) {
    poll = setInterval(refresh, POLL_MS);
    timer = setTimeout(giveUp, waitMs);
    addEventListener('pagehide', giveUp);
  }
  return {
    refresh,
    stop() {
      settle();
      if (reader) guard('stopped', () => reader.stop());
    },
  };
}
