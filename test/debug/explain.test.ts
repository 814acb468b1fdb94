// @vitest-environment happy-dom
// Why a click or submit rule did or did not fire: each reason the tracker can stop at, in its order.
import { beforeEach, describe, expect, it } from 'vitest';
import { createProblems } from '../../src/config/readers';
import { readEvents } from '../../src/rules/definitions';
import { toUrlParts } from '../../src/rules/url-pattern';
import { describeElement, explainEvent, type Surroundings } from '../../src/debug/explain';
import { runtimeOf } from '../helpers/kinds';

const NAMES = { segment: 'Segment.io', customerio: 'Customer.io' };
const definitions = (events: Record<string, unknown>) => readEvents(createProblems(), events, NAMES);
const around = (path = '/pricing', integrations?: Record<string, boolean>): Surroundings => ({
  parts: toUrlParts(`https://shop.example${path}`, ''),
  destinations: ['Segment.io', 'Customer.io'],
  integrations,
});

/** The composed path of a click on the element matching `selector` (the element and its ancestors up to window). */
function pathOf(selector: string): EventTarget[] {
  const path: EventTarget[] = [];
  for (let node: Node | null = document.querySelector(selector); node; node = node.parentNode) path.push(node);
  return [...path, window];
}

beforeEach(() => {
  document.body.replaceChildren();
  const button = document.createElement('button');
  button.className = 'buy big';
  button.id = 'go';
  const label = document.createElement('span');
  label.textContent = 'Buy now';
  button.append(label);
  const form = document.createElement('form');
  form.className = 'signup';
  document.body.append(button, form);
});

describe('explainEvent', () => {
  it('says what a firing rule matched and where its event goes', () => {
    const [verdict] = explainEvent(
      'click',
      definitions({ Buy: { on: 'click', selector: 'button.buy' } }),
      pathOf('span'),
      around(),
      runtimeOf,
    );
    expect(verdict).toEqual({ name: 'Buy', fired: true, reason: 'matched <button#go.buy.big "Buy now">, to Segment.io, Customer.io' });
  });

  it('names the selector and what was clicked when the selector does not match', () => {
    const [verdict] = explainEvent('click', definitions({ Buy: { on: 'click', selector: 'a.buy' } }), pathOf('span'), around(), runtimeOf);
    expect(verdict.fired).toBe(false);
    expect(verdict.reason).toBe('selector a.buy did not match (clicked <span "Buy now">)');
  });

  it('says the text did not match, with the text the element has', () => {
    const rules = definitions({ Buy: { on: 'click', selector: 'button.buy', text: 'Sign up*' } });
    const [verdict] = explainEvent('click', rules, pathOf('span'), around(), runtimeOf);
    expect(verdict.reason).toBe('text did not match: Sign up* is not "Buy now"');
  });

  it('names the dontFire pattern that stops a rule on this path, and the fire patterns a path misses', () => {
    const rules = definitions({
      Blocked: { on: 'click', selector: 'button.buy', dontFire: '/pricing*' },
      Elsewhere: { on: 'click', selector: 'button.buy', fire: ['/checkout', '/cart'] },
    });
    const verdicts = explainEvent('click', rules, pathOf('button'), around('/pricing?x=1'), runtimeOf);
    expect(verdicts.map((verdict) => verdict.reason)).toEqual([
      'path gate: dontFire pattern /pricing* matches /pricing?x=1',
      'path gate: no fire pattern matches /pricing?x=1 (fire: /checkout, /cart)',
    ]);
  });

  it('says when toggles turn every destination off, and which ones a firing rule skips', () => {
    const rules = definitions({
      Off: { on: 'click', selector: 'button.buy', destinations: { segment: false, customerio: false } },
      Half: { on: 'click', selector: 'button.buy', destinations: { customerio: false } },
    });
    const [off, half] = explainEvent('click', rules, pathOf('button'), around(), runtimeOf);
    expect(off).toMatchObject({ fired: false, reason: 'destination toggled off: Segment.io, Customer.io' });
    expect(half).toMatchObject({ fired: true, reason: 'matched <button#go.buy.big "Buy now">, to Segment.io; toggled off: Customer.io' });
  });

  it('only considers rules of the event type, and a submit rule matches the form itself', () => {
    const rules = definitions({ Click: { on: 'click', selector: 'form' }, Signup: { on: 'submit', selector: 'form.signup' } });
    const verdicts = explainEvent('submit', rules, pathOf('form'), around(), runtimeOf);
    expect(verdicts).toEqual([{ name: 'Signup', fired: true, reason: 'matched <form.signup>, to Segment.io, Customer.io' }]);
  });

  it('says a click inside data-tally-ignore is skipped', () => {
    document.querySelector('button')!.setAttribute('data-tally-ignore', '');
    const [verdict] = explainEvent('click', definitions({ Buy: { on: 'click', selector: 'button' } }), pathOf('span'), around(), runtimeOf);
    expect(verdict).toMatchObject({ fired: false, reason: 'inside data-tally-ignore (<span "Buy now">)' });
  });
});

describe('describeElement', () => {
  it('shows tag, id, two classes and the text cut to 30 characters', () => {
    const link = document.createElement('a');
    link.className = 'one two three';
    link.textContent = 'x'.repeat(40);
    expect(describeElement(link)).toBe(`<a.one.two "${'x'.repeat(30)}">`);
    expect(describeElement(undefined)).toBe('<nothing>');
  });
});
