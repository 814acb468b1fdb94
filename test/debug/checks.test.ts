// @vitest-environment happy-dom
// What each rule's selector finds on the page: nothing, something that is not a form, or nothing with the rule's text.
import { beforeEach, describe, expect, it } from 'vitest';
import { createProblems } from '../../src/config/readers';
import { readEvents } from '../../src/rules/definitions';
import { checkSelectors, findAll } from '../../src/debug/checks';

const definitions = (events: Record<string, unknown>) => readEvents(createProblems(), events, { segment: 'Segment.io' });

beforeEach(() => {
  document.body.replaceChildren();
  const button = document.createElement('button');
  button.className = 'buy';
  button.textContent = 'Buy';
  const div = document.createElement('div');
  div.className = 'signup';
  document.body.append(button, div);
});

describe('checkSelectors', () => {
  it('finds nothing wrong with rules whose selectors find what they need', () => {
    const form = document.createElement('form');
    form.className = 'real';
    document.body.append(form);
    const rules = definitions({
      Buy: { on: 'click', selector: 'button.buy', text: 'Buy' },
      Sent: { on: 'submit', selector: 'form.real' },
      Viewed: { on: 'page', fire: '/pricing' },
    });
    expect(checkSelectors(rules, document)).toEqual([]);
  });

  it('names a click rule whose selector matches no element', () => {
    expect(checkSelectors(definitions({ Buy: { on: 'click', selector: 'button.bye' } }), document)).toEqual([
      '"Buy" (click button.bye): the selector matches no element on this page',
    ]);
  });

  it('names a submit rule whose selector matches something that is not a form', () => {
    expect(checkSelectors(definitions({ Signup: { on: 'submit', selector: '.signup' } }), document)).toEqual([
      '"Signup" (submit .signup): the selector matches <div.signup>, which is not a form; only a form fires submit',
    ]);
  });

  it('names a rule whose elements never have its text', () => {
    expect(checkSelectors(definitions({ Buy: { on: 'click', selector: 'button', text: 'Sign up' } }), document)).toEqual([
      '"Buy" (click button): 1 element matches, none with text Sign up',
    ]);
  });

  it('looks into open shadow roots, where the tracker sees clicks too', () => {
    const host = document.createElement('x-shop');
    const inner = document.createElement('button');
    inner.className = 'inside';
    host.attachShadow({ mode: 'open' }).append(inner);
    document.body.append(host);
    expect(findAll(document, 'button.inside')).toEqual([inner]);
    expect(checkSelectors(definitions({ Inside: { on: 'click', selector: 'button.inside' } }), document)).toEqual([]);
  });
});
