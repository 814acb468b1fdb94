import { describe, expect, it } from 'vitest';
import { createFaults, matchesEvent, matchesRule, normalizeRule } from '../../collector/faults.mjs';

const request = { destination: 'segment', writeKey: 'k', events: [{ event: 'Poison', messageId: 'm1', properties: { n: 1 } }] };

describe('matchesRule', () => {
  it('scopes by destination and writeKey', () => {
    expect(matchesRule({ destination: 'segment' }, request)).toBe(true);
    expect(matchesRule({ destination: 'customerio' }, request)).toBe(false);
    expect(matchesRule({ writeKey: 'other' }, request)).toBe(false);
  });

  it('matches a marked event by name, messageId or fields', () => {
    expect(matchesRule({ matchEvent: 'Poison' }, request)).toBe(true);
    expect(matchesRule({ matchEvent: 'm1' }, request)).toBe(true);
    expect(matchesRule({ matchEvent: 'Fine' }, request)).toBe(false);
    expect(matchesEvent({ properties: { n: 1 } }, request.events[0])).toBe(true);
    expect(matchesEvent({ properties: { n: 2 } }, request.events[0])).toBe(false);
  });
});

describe('normalizeRule', () => {
  it('names the bad field', () => {
    expect(() => normalizeRule({ count: 0, status: 500 })).toThrow('fault.count');
    expect(() => normalizeRule({ count: 1 })).toThrow('fault.status');
    expect(normalizeRule({ hang: true })).toMatchObject({ hang: true, count: 1 });
  });
});

describe('createFaults', () => {
  it('answers the next N matching requests, then stops', () => {
    const faults = createFaults();
    faults.add({ status: 500, count: 2, writeKey: 'k' });
    expect(faults.take({ ...request, writeKey: 'other' })).toBeUndefined();
    expect(faults.take(request)?.status).toBe(500);
    expect(faults.take(request)?.status).toBe(500);
    expect(faults.take(request)).toBeUndefined();
    expect(faults.list()).toEqual([]);
  });

  it('uses the first matching rule and clears per writeKey', () => {
    const faults = createFaults();
    faults.add({ status: 429, headers: { 'Retry-After': '2' }, writeKey: 'k' });
    faults.add({ status: 413, matchEvent: 'Poison' });
    expect(faults.take({ ...request, writeKey: 'j' })?.status).toBe(413);
    faults.clear('k');
    expect(faults.list()).toEqual([]);
  });
});
