import { afterEach, describe, expect, it, vi } from 'vitest';
import { createPluginContext } from '../../src/middleware/chain';
import { redactEvent } from '../../src/middleware/redact';
import { trackEvent } from '../helpers/events';

afterEach(() => {
  vi.restoreAllMocks();
  delete (Object.prototype as Record<string, unknown>).x;
  delete (Object.prototype as Record<string, unknown>).polluted;
});

describe('ctx.updateEvent: own properties only', () => {
  it.each(['__proto__.x', 'constructor.prototype.x', 'properties.__proto__.x', 'prototype', 'properties.constructor'])(
    'refuses %s, logs once, and changes neither the event nor Object.prototype',
    (path) => {
      const error = vi.spyOn(console, 'error').mockImplementation(() => {});
      const ctx = createPluginContext(trackEvent({ properties: { a: 1 } }));
      const before = JSON.stringify(ctx.event);
      ctx.updateEvent(path, 'polluted');
      ctx.updateEvent(path, 'polluted');
      expect(({} as Record<string, unknown>).x).toBeUndefined();
      expect(JSON.stringify(ctx.event)).toBe(before);
      expect(Object.getPrototypeOf(ctx.event.properties)).toBe(Object.prototype);
      expect(error).toHaveBeenCalledTimes(1);
      expect(String(error.mock.calls[0][1])).toContain(`ctx.updateEvent("${path}")`);
    },
  );

  it('never walks into an inherited or primitive value', () => {
    const ctx = createPluginContext(trackEvent({ properties: { label: 'a' } }));
    ctx.updateEvent('toString.polluted', 1).updateEvent('properties.label.polluted', 2);
    expect((Object.prototype.toString as unknown as Record<string, unknown>).polluted).toBeUndefined();
    expect(ctx.event).toMatchObject({ toString: { polluted: 1 }, properties: { label: { polluted: 2 } } });
  });

  it('still sets nested paths, creating what is missing', () => {
    const ctx = createPluginContext(trackEvent({ properties: { a: 1 } }));
    ctx.updateEvent('properties.b', 2).updateEvent('context.campaign.name', 'x');
    expect(ctx.event.properties).toEqual({ a: 1, b: 2 });
    expect(ctx.event.context.campaign).toEqual({ name: 'x' });
  });
});

describe('redaction: own keys only', () => {
  it('leaves inherited names (constructor, __proto__, toString) alone', async () => {
    const event = trackEvent({ properties: { email: 'a@b.c' } });
    const redacted = await redactEvent(event, { properties: ['constructor', '__proto__', 'toString'], traits: [], method: 'hash' });
    expect(Object.keys(redacted.properties ?? {})).toEqual(['email']);
  });

  it('hashes an own __proto__ key (JSON can hold one) as an own property', async () => {
    const event = trackEvent({ properties: JSON.parse('{"__proto__": "a@b.c", "n": 1}') });
    const redacted = await redactEvent(event, { properties: ['__proto__'], traits: [], method: 'hash' });
    expect(Object.getPrototypeOf(redacted.properties)).toBe(Object.prototype);
    expect(Object.keys(redacted.properties ?? {})).toEqual(['__proto__', 'n']);
    expect(Object.getOwnPropertyDescriptor(redacted.properties, '__proto__')?.value).toMatch(/^[0-9a-f]{64}$/);
  });
});
