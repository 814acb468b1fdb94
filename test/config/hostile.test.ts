// @vitest-environment happy-dom
// Options written to hurt the SDK (issue 21): getters and Proxies that throw, and objects tally must not freeze.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createProblems } from '../../src/config/readers';
import { readConfig } from '../../src/config/config';
import { copyInput } from '../../src/config/copy';
import { load } from '../../src/index';

const read = (options: unknown) => {
  const problems = createProblems();
  const config = readConfig(problems, 'KEY', options);
  return { config, errors: problems.errors.map((error) => error.message) };
};
const throwing = (message: string) => ({
  get() {
    throw new Error(message);
  },
  enumerable: true,
});
/** A Proxy whose every trap throws, as a hostile or broken options object might. */
const hostileProxy = () =>
  new Proxy(
    {},
    {
      getPrototypeOf: () => {
        throw new Error('trap');
      },
      ownKeys: () => {
        throw new Error('trap');
      },
      get: () => {
        throw new Error('trap');
      },
    },
  );

afterEach(() => {
  vi.restoreAllMocks();
  delete (window as unknown as Record<string, unknown>).analytics;
});

describe('options that throw when read', () => {
  it('a throwing getter is a config error naming the field; its default applies and the rest is read', () => {
    const options = Object.defineProperty({ flushAt: 3 }, 'debug', throwing('boom'));
    const { config, errors } = read(options);
    expect(errors).toEqual(['debug: could not be read (boom); using the default']);
    expect(config).toMatchObject({ debug: false, flushAt: 3 });
  });

  it('a throwing getter in a nested option names the nested field', () => {
    const cookie = Object.defineProperty({ path: '/app' }, 'domain', throwing('nope'));
    const { config, errors } = read({ cookie, flushAt: 4 });
    expect(errors).toEqual(['cookie.domain: could not be read (nope); using the default']);
    expect(config.cookie).toMatchObject({ domain: undefined, path: '/app' });
    expect(config.flushAt).toBe(4);
  });

  it('a Proxy that throws, as the options or as a nested option, is one error; defaults apply', () => {
    expect(read(hostileProxy()).errors).toEqual(['options: could not be read (trap); using the default']);
    const nested = read({ flushAt: 5, segment: hostileProxy(), events: { A: hostileProxy() } });
    expect(nested.errors).toEqual([
      'segment: could not be read (trap); using the default',
      'events.A: could not be read (trap); using the default',
    ]);
    expect(nested.config.flushAt).toBe(5);
  });

  it('a Proxy whose get alone throws names each key it lists', () => {
    const proxy = new Proxy({ flushAt: 1, debug: true }, { get: throwing('get').get });
    expect(read(proxy).errors).toEqual([
      'flushAt: could not be read (get); using the default',
      'debug: could not be read (get); using the default',
    ]);
  });

  it('load() resolves with a working instance whatever the options throw', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const analytics = await load('HOSTILE-1', hostileProxy() as never);
    expect(typeof analytics.track).toBe('function');
    const getter = await load('HOSTILE-2', Object.defineProperty({ flushInterval: 60_000 }, 'debug', throwing('boom')) as never);
    expect(typeof getter.track).toBe('function');
    expect(error.mock.calls.map((call) => call[1])).toEqual([
      'options: could not be read (trap); using the default',
      'debug: could not be read (boom); using the default',
    ]);
  });

  it('a cycle keeps its shape; a JSON __proto__ key stays a key', () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    const copy = copyInput(createProblems(), 'x', cyclic) as Record<string, unknown>;
    expect(copy).not.toBe(cyclic);
    expect(copy.self).toBe(copy);
    const parsed = copyInput(createProblems(), 'x', JSON.parse('{"__proto__": {"polluted": 1}}')) as object;
    expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
    expect(Object.keys(parsed)).toEqual(['__proto__']);
  });
});

describe("load() freezes tally's copy, never the caller's objects", () => {
  it('the events object and its definitions stay writable', () => {
    const events = { 'Signup Clicked': { on: 'click', selector: '.signup', fire: ['/a'] } };
    const { config } = read({ events });
    expect(Object.isFrozen(config.events)).toBe(true);
    expect(Object.isFrozen(events)).toBe(false);
    expect(Object.isFrozen(events['Signup Clicked'])).toBe(false);
    expect(Object.isFrozen(events['Signup Clicked'].fire)).toBe(false);
    (events as Record<string, unknown>)['Later'] = { on: 'page' };
    expect(Object.keys(events)).toEqual(['Signup Clicked', 'Later']);
  });

  it('a plan holding Object.prototype does not freeze Object.prototype', () => {
    read({ plan: { events: Object.prototype }, consent: { categories: Object.prototype } });
    read({ plan: Object.prototype });
    expect(Object.isFrozen(Object.prototype)).toBe(false);
  });

  it('functions and class instances handed over are kept, not frozen', () => {
    const callback = () => undefined;
    const { config } = read({ consent: { required: true, onChange: callback } });
    expect((config.consent as Record<string, unknown>).onChange).toBe(callback);
    expect(Object.isFrozen(callback)).toBe(false);
  });
});
