// Touches window.__tcfapi: IAB TCF v2.2's CMP API ("CMP API v2": addEventListener / removeEventListener). Before the CMP
// loads, the IAB stub queues calls and the CMP answers them once it runs; `getTCData` is deprecated in 2.2, so the
// listener is the only reader. Only `tcloaded` and `useractioncomplete` are choices; `gdprApplies: false` needs none.
import { page, type ConsentSource } from './source';

interface TCData {
  eventStatus?: string;
  gdprApplies?: boolean;
  listenerId?: number;
  purpose?: { consents?: Record<string, boolean> };
  vendor?: { consents?: Record<string, boolean> };
}
type TcfApi = (command: string, version: number, callback: (data: TCData, success: boolean) => void, parameter?: unknown) => void;

/** TCF purposes 1 to 11 (TCF v2.2 policy, Appendix A). */
const PURPOSES = 11;
const VENDOR = /^vendor:([1-9]\d*)$/;

/** The choice in a TC data object: purposes '1'…'11' and the vendors the site mapped (`vendor:755`). */
export function readTcData(data: TCData, ids: readonly string[]): Record<string, boolean> {
  if (data.gdprApplies === false) return { '*': true };
  const choice: Record<string, boolean> = { '*': false };
  for (let purpose = 1; purpose <= PURPOSES; purpose++) choice[purpose] = data.purpose?.consents?.[purpose] === true;
  for (const id of ids) {
    const vendor = VENDOR.exec(id)?.[1];
    if (vendor) choice[id] = data.vendor?.consents?.[vendor] === true;
  }
  return choice;
}

/** IAB TCF v2.2: purpose ids `'1'`…`'11'`, and vendor consent as `'vendor:<id>'`. */
export const tcf: ConsentSource = {
  name: 'tcf',
  label: 'the IAB TCF CMP (__tcfapi)',
  isCategory: (id) => VENDOR.test(id) || (/^[1-9]\d?$/.test(id) && Number(id) <= PURPOSES),
  categories: "TCF purpose ids '1' to '11', or 'vendor:<id>'",
  create(ids) {
    let latest: Record<string, boolean> | undefined;
    let changed: (() => void) | undefined;
    let listenerId: number | undefined;
    let attached = false;
    const api = () => page().__tcfapi as TcfApi | undefined;
    // The stub may come after tally: every read tries again until one listener is added.
    const attach = () => {
      const tcfapi = api();
      if (attached || !changed || typeof tcfapi !== 'function') return;
      attached = true;
      tcfapi('addEventListener', 2, (data, success) => {
        if (!success || !data) return;
        listenerId = data.listenerId;
        if (data.eventStatus !== 'tcloaded' && data.eventStatus !== 'useractioncomplete') return;
        latest = readTcData(data, ids);
        changed?.();
      });
    };
    return {
      start(callback) {
        changed = callback;
        attach();
      },
      read() {
        attach();
        return latest;
      },
      stop() {
        changed = undefined;
        if (listenerId !== undefined) api()?.('removeEventListener', 2, () => {}, listenerId);
      },
    };
  },
};
