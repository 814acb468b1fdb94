// Compile-time test of the strict public types (tsc -p test/types, and the pack test against the installed package, which
// swaps the import below for 'tally'): every `@ts-expect-error` line is a mistake that must not compile; tsc fails if one does.
import { load, type Analytics, type CallResult, type Context, type Options } from '../../src/index';

export async function strictUsage(analytics: Analytics): Promise<void> {
  // @ts-expect-error a typo of flushAt is not an option (no index signature)
  await load('KEY', { flushat: 20 });
  // @ts-expect-error a destination's option is typed from the registry: segment has no writekey
  await load('KEY', { segment: { writekey: 'x' } });
  // @ts-expect-error Customer.io's region is 'us' or 'eu'
  await load('KEY', { customerio: { region: 'ap' } });
  // @ts-expect-error the snippet-era capitalisation is an unknown field too
  const typo: Options = { customerIO: {} };
  // @ts-expect-error track's event is a string
  await analytics.track(42);
  // @ts-expect-error track needs an event
  await analytics.track();
  // @ts-expect-error properties are an object
  await analytics.track('Signed Up', 'pro');
  // @ts-expect-error alias needs the new id
  await analytics.alias();
  // @ts-expect-error a callback receives the Context, not a string
  await analytics.track('Signed Up', {}, {}, (context: string) => void context);

  // What is right compiles, and resolves to the documented type.
  const result: CallResult = await analytics.track('Signed Up', { plan: 'pro' }, { context: { ip: '0.0.0.0' } }, (context) => {
    const built: Context = context;
    void built;
  });
  const maybe: Context | undefined = result;
  await analytics.identify({ plan: 'pro' });
  await analytics.identify(123, { email: 'a@example.com' });
  await analytics.page();
  await analytics.page('Pricing');
  await analytics.page({ path: '/pricing' });
  await analytics.group('acme', { name: 'Acme' }, () => {});
  await analytics.track({ event: 'Signed Up', properties: { plan: 'pro' } });
  await load('KEY', { segment: { apiHost: 'api.segment.io/v1' }, customerio: { writeKey: 'cdp', region: 'eu' }, flushAt: 20 });
  void [typo, maybe];
}
