import { describe, expect, it } from 'vitest';
import { createProblems } from '../../src/config/readers';
import { readConfig } from '../../src/config/config';
import { readEvents } from '../../src/rules/definitions';
import { createEventsGate } from '../../src/rules/gate';
import { createRuleSet } from '../../src/rules/rule-set';
import { eventsGate } from '../../src/rules/piece';
import type { PieceContext } from '../../src/pieces/contract';
import type { Call, TallyEvent } from '../../src/event/types';
import { testEvent } from '../helpers/events';

/** The registry's short names, as config.integrationNames has them. */
const NAMES = { segment: 'Segment.io', customerio: 'Customer.io' };

const read = (events: unknown) => {
  const problems = createProblems();
  const definitions = readEvents(problems, events, NAMES);
  return { definitions, errors: problems.errors.map((error) => error.message), names: definitions.map((d) => d.name) };
};

describe('event definitions', () => {
  it('reads every rule kind', () => {
    const { definitions, errors } = read({
      'Pricing Viewed': { on: 'page', fire: ['/pricing*'], dontFire: '/pricing/internal*' },
      'Signup Clicked': {
        on: 'click',
        selector: 'button.signup',
        text: 'Sign up*',
        properties: { plan: { attr: 'data-plan' }, label: { text: true } },
      },
      'Lead Submitted': {
        on: 'submit',
        selector: 'form#lead',
        fields: ['email'],
        identify: { email: 'email', traits: ['company'] },
        skipCancelled: true,
      },
      'Order Completed': { destinations: { customerio: false, segment: true, Mixpanel: false } },
    });
    expect(errors).toEqual([]);
    const [page, click, submit, order] = definitions;
    expect(page).toMatchObject({ name: 'Pricing Viewed', on: 'page', fields: [], properties: [] });
    expect(page.fire).toHaveLength(1);
    expect(page.dontFire).toHaveLength(1);
    expect(click.text!.re.test('Sign up now')).toBe(true);
    expect(click.properties).toEqual([
      ['plan', { attr: 'data-plan' }],
      ['label', { text: true }],
    ]);
    expect(submit).toMatchObject({ fields: ['email'], identify: { email: 'email', traits: ['company'] }, skipCancelled: true });
    expect(order.destinations).toEqual({ 'Customer.io': false, 'Segment.io': true, Mixpanel: false });
    expect(order.on).toBeUndefined();
  });

  it.each([
    [{ on: 'hover', selector: 'a' }, 'events["Bad"].on: expected one of'],
    [{ on: 'click' }, `events["Bad"].selector: required`],
    [{ on: 'submit', fields: ['email'] }, `events["Bad"].selector: required`],
    [{ on: 'click', selector: 42 }, 'events["Bad"].selector: expected a non-empty string'],
    [{ fire: [{ regex: '(' }] }, 'events["Bad"].fire[0]: invalid regex'],
    [{ dontFire: ['/a', 5] }, 'events["Bad"].dontFire[1]: expected a URL pattern'],
    [
      { on: 'click', selector: 'a', properties: { plan: { atr: 'x' } } },
      'events["Bad"].properties.plan.atr: unknown field (did you mean attr?)',
    ],
    [{ on: 'click', selector: 'a', properties: { plan: 'data-plan' } }, 'events["Bad"].properties.plan: expected an object'],
    [{ on: 'click', selector: 'a', properties: { label: { text: 'yes' } } }, 'events["Bad"].properties.label.text: expected true'],
    [{ on: 'submit', selector: 'form', fields: 'email' }, null], // a single name is a list of one
    [{ on: 'submit', selector: 'form', fields: [''] }, 'events["Bad"].fields[0]: expected a non-empty string'],
    [{ on: 'submit', selector: 'form', identify: { mail: 'email' } }, 'events["Bad"].identify.mail: unknown field'],
    [{ skipCancelled: 'yes' }, 'events["Bad"].skipCancelled: expected true or false'],
    [{ destinations: { customerio: 'off' } }, 'events["Bad"].destinations.customerio: expected true or false'],
    [{ dontfire: ['/admin'] }, 'events["Bad"].dontfire: unknown field (did you mean dontFire?); this definition is disabled'],
    [{ on: 'click', selecter: 'a' }, 'events["Bad"].selecter: unknown field (did you mean selector?)'],
    [{ zzz: 1 }, 'events["Bad"].zzz: unknown field; this definition is disabled'],
    ['click', 'events["Bad"]: expected an object'],
  ])('%j is disabled with one error naming the event and field', (definition, message) => {
    const { errors, names } = read({ Good: { on: 'page' }, Bad: definition, Also: { on: 'click', selector: 'a' } });
    if (message === null) {
      expect(errors).toEqual([]);
      return;
    }
    expect(errors).toHaveLength(1);
    expect(errors[0].startsWith(message)).toBe(true);
    expect(names).toEqual(['Good', 'Also']);
  });

  it('reports only the first problem of a definition', () => {
    expect(read({ Bad: { on: 'hover', fire: [1], skipCancelled: 2 } }).errors).toHaveLength(1);
  });

  it('does not change the options object it reads', () => {
    const events = { X: { on: 'click', selector: 'a', fire: ['/a'], destinations: { segment: false } } };
    const copy = JSON.parse(JSON.stringify(events));
    read(events);
    expect(events).toEqual(copy);
  });

  it('is read from load() options by the rules piece, frozen, with the registry names', () => {
    const problems = createProblems();
    const config = readConfig(problems, 'KEY', { events: { A: { on: 'page', destinations: { customerio: false } } } });
    expect(problems.errors).toEqual([]);
    const host = { config } as unknown as PieceContext;
    const definitions = eventsGate(host).rules.current();
    expect(definitions.map((d) => d.name)).toEqual(['A']);
    expect(definitions[0].destinations).toEqual({ 'Customer.io': false });
    expect(Object.isFrozen(definitions[0])).toBe(true);
  });
});

describe('the events gate', () => {
  const { definitions } = read({
    'Pricing Viewed': { fire: ['/pricing*'], dontFire: ['/pricing/internal*'] },
    'Order Completed': { destinations: { customerio: false } },
    $page: { dontFire: ['/admin*'], destinations: { segment: false } },
  });
  let href = 'https://x.test/pricing';
  const gate = createEventsGate(createRuleSet(definitions), () => ({ href, referrer: '' }));
  const event = (type: TallyEvent['type'], name?: string): TallyEvent => testEvent(type, { event: name, integrations: { All: true } });
  const call = (page?: string): Call => ({
    type: 'track',
    options: {},
    page: page === undefined ? undefined : { href: page, pathname: '', search: '', title: '', referrer: '' },
  });

  it('stops an event of a defined name outside its paths, from any source', () => {
    href = 'https://x.test/pricing/internal/a';
    expect(gate.run(event('track', 'Pricing Viewed'), call())).toEqual({ stopped: '"Pricing Viewed" is not fired on this page' });
    href = 'https://x.test/about';
    expect('stopped' in gate.run(event('track', 'Pricing Viewed'), call())).toBe(true);
    href = 'https://x.test/pricing';
    expect('event' in gate.run(event('track', 'Pricing Viewed'), call())).toBe(true);
  });

  it('uses the page a buffered call was made on', () => {
    href = 'https://x.test/about';
    expect('event' in gate.run(event('track', 'Pricing Viewed'), call('https://x.test/pricing'))).toBe(true);
  });

  it('turns destinations off through integrations, without changing the event it got', () => {
    const original = event('track', 'Order Completed');
    const result = gate.run(original, call()) as { event: TallyEvent };
    expect(result.event.integrations).toEqual({ All: true, 'Customer.io': false });
    expect(original.integrations).toEqual({ All: true });
  });

  it('gates and toggles page() views with the $page entry', () => {
    href = 'https://x.test/admin/users';
    expect('stopped' in gate.run(event('page'), call())).toBe(true);
    href = 'https://x.test/home';
    expect((gate.run(event('page'), call()) as { event: TallyEvent }).event.integrations['Segment.io']).toBe(false);
  });

  it('lets other events through untouched', () => {
    const other = event('track', 'Something Else');
    expect(gate.run(other, call())).toEqual({ event: other });
    const identify = event('identify');
    expect(gate.run(identify, call())).toEqual({ event: identify });
  });
});
