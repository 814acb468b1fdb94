// Compile-time test of the public types (npm test runs `tsc -p test/types`): a breaking change to the API fails the build.
import { load, ConfigError, TallyError, type Analytics, type Context, type Options, type TallyEvent } from '../../src/index';

async function usage(): Promise<void> {
  const options: Options = {
    flushAt: 10,
    flushInterval: 2000,
    segment: { apiHost: 'api.segment.io/v1' },
    integrations: { 'Segment.io': { apiHost: 'x' } },
  };
  const analytics: Analytics = await load('KEY', options);
  const context: Context | undefined = await analytics.track('Signed Up', { plan: 'pro' }, { context: { ip: '0.0.0.0' } });
  const event: TallyEvent | undefined = context?.event;
  const id: string = event?.messageId ?? '';
  await analytics.identify('user-1', { email: 'a@example.com' });
  await analytics.page('Docs', 'Pricing', { plan: 'pro' });
  await analytics.group('g-1', { name: 'Acme' });
  await analytics.alias('user-2');
  analytics
    .on('track', (name) => void name)
    .once('reset', () => {})
    .off('track');
  const anonymousId: string = analytics.user().anonymousId();
  await analytics.flush();
  const queued: number = analytics.stats()['Segment.io']?.queued ?? 0;
  const error: TallyError = new ConfigError('flushAt', 'bad');
  // @ts-expect-error flushAt is a number
  const bad: Options = { flushAt: 'many' };
  void [id, anonymousId, queued, error, bad];
}
void usage;
