// Stand-ins for the four CMPs tally reads, written from their public APIs only (docs/consent.md cites each): each
// publishes what the real one does, and `window.standIn.choose(...)` plays the visitor saving a choice in its banner.

/** OneTrust: `OnetrustActiveGroups`, `OneTrust.IsAlertBoxClosed / OnConsentChanged`, OptanonWrapper and OneTrustGroupsUpdated. */
const onetrust = `(function () {
  var groups = ',C0001,', closed = false, changed = [];
  function announce() {
    window.OnetrustActiveGroups = groups;
    if (typeof window.OptanonWrapper === 'function') window.OptanonWrapper();
    window.dispatchEvent(new CustomEvent('OneTrustGroupsUpdated', { detail: groups.split(',').filter(Boolean) }));
  }
  window.OneTrust = {
    IsAlertBoxClosed: function () { return closed; },
    GetDomainData: function () { return { ShowAlertNotice: true, ConsentModel: { Name: 'opt-in' } }; },
    OnConsentChanged: function (callback) { changed.push(callback); }
  };
  window.standIn = {
    choose: function (active) {
      groups = active;
      closed = true;
      window.OnetrustActiveGroups = groups;
      changed.forEach(function (callback) { callback(new CustomEvent('consent.onetrust', { detail: groups.split(',').filter(Boolean) })); });
      announce();
    }
  };
  announce();
})();`;

/** Cookiebot: the `Cookiebot` object and its window events. */
const cookiebot = `(function () {
  var bot = { consent: { necessary: true, preferences: false, statistics: false, marketing: false, method: null },
    consented: false, declined: false, hasResponse: false };
  window.Cookiebot = bot;
  window.standIn = {
    choose: function (choice) {
      ['preferences', 'statistics', 'marketing'].forEach(function (name) { bot.consent[name] = !!choice[name]; });
      var any = bot.consent.preferences || bot.consent.statistics || bot.consent.marketing;
      bot.hasResponse = true; bot.consented = any; bot.declined = !any; bot.consent.method = 'explicit';
      window.dispatchEvent(new Event('CookiebotOnConsentReady'));
      window.dispatchEvent(new Event(any ? 'CookiebotOnAccept' : 'CookiebotOnDecline'));
    }
  };
  window.dispatchEvent(new Event('CookiebotOnLoad'));
})();`;

/** The IAB TCF stub a page puts first: it answers ping and queues every other call in `__tcfapi.a` for the CMP. */
export const TCF_STUB = `<script>
window.__tcfapi = function () {
  var args = Array.prototype.slice.call(arguments);
  if (!args.length) return window.__tcfapi.a;
  if (args[0] === 'ping') { if (typeof args[2] === 'function') args[2]({ gdprApplies: undefined, cmpLoaded: false, cmpStatus: 'stub' }); return; }
  window.__tcfapi.a.push(args);
};
window.__tcfapi.a = [];
</script>`;

/** A TCF v2.2 CMP: replaces the stub, answers its queue, and calls listeners with cmpuishown, then useractioncomplete. */
const tcf = `(function () {
  var queued = (window.__tcfapi && window.__tcfapi.a) || [], listeners = [];
  var tcData = { tcString: 'stand-in', tcfPolicyVersion: 4, cmpStatus: 'loaded', eventStatus: 'cmpuishown', gdprApplies: true,
    purpose: { consents: {}, legitimateInterests: {} }, vendor: { consents: {}, legitimateInterests: {} } };
  function send(listenerId) {
    var callback = listeners[listenerId];
    if (callback) callback(Object.assign({}, tcData, { listenerId: listenerId }), true);
  }
  window.__tcfapi = function (command, version, callback, parameter) {
    if (command === 'ping') return callback({ gdprApplies: true, cmpLoaded: true, cmpStatus: 'loaded', apiVersion: '2.2' });
    if (command === 'addEventListener') { listeners.push(callback); return send(listeners.length - 1); }
    if (command === 'removeEventListener') { var had = !!listeners[parameter]; listeners[parameter] = null; return callback(had); }
  };
  queued.forEach(function (args) { window.__tcfapi.apply(null, args); });
  window.standIn = {
    choose: function (purposes, vendors) {
      tcData.eventStatus = 'useractioncomplete';
      tcData.purpose.consents = purposes;
      tcData.vendor.consents = vendors || {};
      listeners.forEach(function (_, listenerId) { send(listenerId); });
    }
  };
})();`;

/** Google Consent Mode v2 as a CMP writes it: a denying default at load, an update on each choice, through gtag. */
const gcm = `(function () {
  window.dataLayer = window.dataLayer || [];
  window.gtag = window.gtag || function () { window.dataLayer.push(arguments); };
  gtag('consent', 'default', { ad_storage: 'denied', analytics_storage: 'denied', ad_user_data: 'denied', ad_personalization: 'denied' });
  window.standIn = {
    choose: function (signals) {
      var update = {};
      ['ad_storage', 'analytics_storage', 'ad_user_data', 'ad_personalization'].forEach(function (name) {
        update[name] = signals[name] ? 'granted' : 'denied';
      });
      gtag('consent', 'update', update);
    }
  };
})();`;

/** One CMP's stand-in and how the e2e cases use it: the categories mapped, a grant, a wider grant, a denial. */
export interface StandIn {
  from: 'onetrust' | 'cookiebot' | 'tcf' | 'gcm';
  /** What the console names it. */
  label: string;
  script: string;
  /** HTML the page needs before tally (the TCF stub). */
  head?: string;
  /** Segment.io on a granted category, Customer.io on one granted only by `wider`. */
  categories: Record<string, string | string[]>;
  /** The arguments of standIn.choose(...). */
  grant: unknown[];
  wider: unknown[];
  deny: unknown[];
}

/** The four stand-ins. */
export const STAND_INS: StandIn[] = [
  {
    from: 'onetrust',
    label: 'OneTrust',
    script: onetrust,
    categories: { 'Segment.io': 'C0002', 'Customer.io': ['C0002', 'C0004'] },
    grant: [',C0001,C0002,'],
    wider: [',C0001,C0002,C0004,'],
    deny: [',C0001,'],
  },
  {
    from: 'cookiebot',
    label: 'Cookiebot',
    script: cookiebot,
    categories: { 'Segment.io': 'statistics', 'Customer.io': 'marketing' },
    grant: [{ statistics: true }],
    wider: [{ statistics: true, marketing: true }],
    deny: [{}],
  },
  {
    from: 'tcf',
    label: 'the IAB TCF CMP (__tcfapi)',
    script: tcf,
    head: TCF_STUB,
    categories: { 'Segment.io': ['1', 'vendor:755'], 'Customer.io': '4' },
    grant: [{ 1: true }, { 755: true }],
    wider: [{ 1: true, 4: true }, { 755: true }],
    deny: [{}, {}],
  },
  {
    from: 'gcm',
    label: 'Google Consent Mode',
    script: gcm,
    categories: { 'Segment.io': 'analytics_storage', 'Customer.io': ['ad_storage', 'ad_user_data'] },
    grant: [{ analytics_storage: true }],
    wider: [{ analytics_storage: true, ad_storage: true, ad_user_data: true }],
    deny: [{}],
  },
];
