// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createProblems } from '../../src/config/readers';
import { readEvents, type Definition } from '../../src/rules/definitions';
import { findElement, isIgnored } from '../../src/tracker/element';
import { hiddenFields, isPrivate, unreadFields } from '../../src/tracker/privacy';
import { MAX_TEXT_LENGTH, readIdentity, readProperties, readStandardProperties } from '../../src/tracker/properties';

const define = (name: string, definition: object): Definition => {
  const problems = createProblems();
  const [compiled] = readEvents(problems, { [name]: definition });
  expect(problems.errors).toEqual([]);
  return compiled;
};
/** The composed path a click on `target` has. */
const pathOf = (target: Element) => {
  let path: EventTarget[] = [];
  target.addEventListener(
    'click',
    (event) => {
      path = event.composedPath();
    },
    { once: true },
  );
  target.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
  return path;
};
const $ = (selector: string) => document.querySelector(selector)!;

afterEach(() => {
  document.body.replaceChildren();
});

describe('element matching on the composed path', () => {
  it('finds the nearest match from an inner span, and nothing elsewhere', () => {
    document.body.insertAdjacentHTML(
      'beforeend',
      '<div class="card"><button class="signup" id="b"><span id="s">Sign <b>up</b></span></button></div><p id="p">x</p>',
    );
    expect(findElement(pathOf($('#s')), 'button.signup')).toBe($('#b'));
    expect(findElement(pathOf($('#s')), '.card, button')).toBe($('#b'));
    expect(findElement(pathOf($('#p')), 'button.signup')).toBeUndefined();
  });

  it('crosses open shadow roots', () => {
    const host = document.createElement('x-widget');
    document.body.append(host);
    const root = host.attachShadow({ mode: 'open' });
    const button = document.createElement('button');
    button.className = 'buy';
    const icon = document.createElement('i');
    button.append(icon);
    root.append(button);
    expect(findElement(pathOf(icon), 'button.buy')).toBe(button);
    expect(findElement(pathOf(icon), 'x-widget')).toBe(host);
  });

  it('applies the text pattern', () => {
    document.body.insertAdjacentHTML('beforeend', '<button id="a"> Sign   up now </button><button id="b">Log in</button>');
    const { text } = define('X', { on: 'click', selector: 'button', text: 'Sign up*' });
    expect(findElement(pathOf($('#a')), 'button', text)).toBe($('#a'));
    expect(findElement(pathOf($('#b')), 'button', text)).toBeUndefined();
  });

  it('sees data-tally-ignore on any ancestor', () => {
    document.body.insertAdjacentHTML(
      'beforeend',
      '<section data-tally-ignore><button id="a">A</button></section><button id="b">B</button>',
    );
    expect(isIgnored(pathOf($('#a')))).toBe(true);
    expect(isIgnored(pathOf($('#b')))).toBe(false);
  });

  it('rejects invalid selectors when reading definitions', () => {
    const problems = createProblems();
    expect(
      readEvents(problems, {
        X: { on: 'click', selector: 'button[' },
        Y: { on: 'click', selector: 'a', properties: { p: { selector: 'a', closest: '::nope(' } } },
      }),
    ).toEqual([]);
    expect(problems.errors.map((error) => error.message)).toEqual([
      'events["X"].selector: invalid CSS selector "button["; this definition is disabled',
      'events["Y"].properties.p.closest: invalid CSS selector "::nope("; this definition is disabled',
    ]);
  });
});

describe('property extraction', () => {
  it('reads attr, text, selector with closest, query, field and value sources', () => {
    document.body.insertAdjacentHTML(
      'beforeend',
      `<form id="f" name="plans" action="/buy"><div class="plan" data-plan="pro"><h3> Pro  plan </h3>
       <button id="b" class="cta big" data-sku="p-1" href="/x"><span id="s">Buy</span></button></div>
       <input name="email" value="ada@example.com"><input type="checkbox" name="news" checked>
       <input type="radio" name="size" value="s"><input type="radio" name="size" value="m" checked></form>`,
    );
    const definition = define('Buy', {
      on: 'click',
      selector: 'button',
      properties: {
        sku: { attr: 'data-sku' },
        label: { text: true },
        plan: { closest: '.plan', attr: 'data-plan' },
        title: { closest: '.plan', selector: 'h3' },
        planAgain: { closest: '.plan', selector: 'h3', attr: 'class' },
        source: { query: 'utm_source' },
        email: { field: 'email' },
        version: { value: 3 },
        missing: { selector: '.nope' },
      },
      fields: ['news', 'size'],
    });
    const button = $('#b');
    expect(readProperties(definition, button, 'https://example.com/?utm_source=ads&x=1')).toEqual({
      elementText: 'Buy',
      elementId: 'b',
      elementClasses: 'cta big',
      href: '/x',
      news: true,
      size: 'm',
      sku: 'p-1',
      label: 'Buy',
      plan: 'pro',
      title: 'Pro plan',
      planAgain: undefined,
      source: 'ads',
      email: 'ada@example.com',
      version: 3,
      missing: undefined,
    });
    expect(readStandardProperties(button, 'click')).toEqual({ elementText: 'Buy', elementId: 'b', elementClasses: 'cta big', href: '/x' });
    expect(readStandardProperties($('#f'), 'submit')).toEqual({ formId: 'f', formName: 'plans', formAction: '/buy' });
  });

  it('caps text at MAX_TEXT_LENGTH characters', () => {
    document.body.insertAdjacentHTML('beforeend', `<button id="b">${'x'.repeat(1000)}</button>`);
    const { label } = readProperties(define('X', { on: 'click', selector: 'button', properties: { label: { text: true } } }), $('#b'), '');
    expect((label as string).length).toBe(MAX_TEXT_LENGTH);
  });

  it('page rules read only URL and constant sources', () => {
    const definition = define('P', {
      on: 'page',
      properties: { source: { query: 'ref' }, label: { text: true }, kind: { value: 'landing' } },
    });
    expect(readProperties(definition, undefined, 'https://example.com/?ref=mail')).toEqual({
      source: 'mail',
      label: undefined,
      kind: 'landing',
    });
  });

  it('builds identify() from the named fields, only with an id or a valid email', () => {
    document.body.insertAdjacentHTML(
      'beforeend',
      '<form id="f"><input name="email" value="ada@example.com"><input name="company" value="Acme"><input name="uid" value=""></form>',
    );
    const form = $('#f');
    expect(readIdentity(define('L', { on: 'submit', selector: 'form', identify: { email: 'email', traits: ['company'] } }), form)).toEqual([
      undefined,
      { company: 'Acme', email: 'ada@example.com' },
    ]);
    ($('input[name=email]') as HTMLInputElement).value = 'not an email';
    expect(
      readIdentity(define('L', { on: 'submit', selector: 'form', identify: { email: 'email', userId: 'uid' } }), form),
    ).toBeUndefined();
    ($('input[name=uid]') as HTMLInputElement).value = 'u-1';
    expect(readIdentity(define('L', { on: 'submit', selector: 'form', identify: { email: 'email', userId: 'uid' } }), form)).toEqual([
      'u-1',
      {},
    ]);
  });
});

describe('the privacy filter', () => {
  it.each([
    ['<input type="password" name="secret">', true],
    ['<input type="hidden" name="token">', true],
    ['<input type="file" name="cv">', true],
    ['<input name="x" autocomplete="cc-number">', true],
    ['<input name="x" autocomplete="billing cc-exp">', true],
    ['<input name="x" autocomplete="one-time-code">', true],
    ['<input name="x" autocomplete="new-password">', true],
    ['<input name="x" autocomplete="current-password">', true],
    ['<input name="card_number">', true],
    ['<input id="cc-num">', true],
    ['<input name="credit-card">', true],
    ['<input name="cvc">', true],
    ['<input name="CVV2">', true],
    ['<input name="ssn">', true],
    ['<input name="national_id">', true],
    ['<select name="securityCode"></select>', true],
    ['<div data-tally-ignore><input name="email"></div>', true],
    ['<input name="email" autocomplete="email">', false],
    ['<input name="company">', false],
    ['<textarea name="message"></textarea>', false],
    ['<select name="country"></select>', false],
    ['<button name="pass-through">', false], // only form controls are filtered by name
  ])('%s → %s', (html, expected) => {
    document.body.insertAdjacentHTML('beforeend', html);
    expect(isPrivate(document.body.querySelector('input, select, textarea, button')!)).toBe(expected);
  });

  it('never reads a private field a rule lists, and warns once naming the rule', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    document.body.insertAdjacentHTML(
      'beforeend',
      '<form><input name="email" value="a@b.co"><input type="password" name="pw" value="hunter2"><input name="cvc" value="123" id="c"></form>',
    );
    const definition = define('Signup', {
      on: 'submit',
      selector: 'form',
      fields: ['email', 'pw'],
      properties: { code: { selector: '#c', attr: 'value' } },
    });
    const form = $('form');
    const first = readProperties(definition, form, '');
    readProperties(definition, form, '');
    expect(first).toEqual({ email: 'a@b.co', pw: undefined, code: undefined });
    expect(JSON.stringify(first)).not.toContain('hunter2');
    expect(warn.mock.calls.map((call) => call.join(' '))).toEqual([
      '[tally] events["Signup"]: field "pw" is private; not read',
      '[tally] events["Signup"]: #c is private; not read',
    ]);
  });

  it("reads a hidden input only with the rule's opt-in; passwords and card fields stay unread whatever the config says", () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    document.body.insertAdjacentHTML(
      'beforeend',
      '<form><input type="hidden" name="campaign" value="spring"><input type="hidden" name="ref" value="r-9">' +
        '<input type="hidden" name="card_number" value="4111"><input type="password" name="pw" value="hunter2"></form>',
    );
    const form = $('form');
    const optedIn = define('Lead', {
      on: 'submit',
      selector: 'form',
      fields: [{ name: 'campaign', hidden: true }, 'ref', { name: 'card_number', hidden: true }, { name: 'pw', hidden: true }],
      properties: { referral: { field: 'ref', hidden: true } },
    });
    expect(optedIn).toMatchObject({ fields: ['campaign', 'ref', 'card_number', 'pw'], hidden: ['campaign', 'card_number', 'pw', 'ref'] });
    expect(readProperties(optedIn, form, '')).toEqual({
      campaign: 'spring',
      ref: 'r-9',
      card_number: undefined,
      pw: undefined,
      referral: 'r-9',
    });
    const plain = define('Lead', { on: 'submit', selector: 'form', fields: ['campaign'] });
    expect(readProperties(plain, form, '')).toEqual({ campaign: undefined });
  });

  it('flags, when the rules are read, the fields that will never be read', () => {
    const definition = define('Lead', {
      on: 'submit',
      selector: 'form',
      fields: ['email', 'password', { name: 'cc-number', hidden: true }],
    });
    expect(unreadFields(definition)).toEqual([
      'events["Lead"]: field "password" is never read (a password, card or id name)',
      'events["Lead"]: field "cc-number" is never read (a password, card or id name)',
    ]);
    expect(unreadFields(define('Ok', { on: 'submit', selector: 'form', fields: ['email'] }))).toEqual([]);
  });

  it('flags, at load, a field that is a hidden input on the page and was named without the opt-in, saying how to opt in', () => {
    document.body.innerHTML = '<form><input type="hidden" name="utm_source" value="x"><input type="hidden" name="plan"></form>';
    const definition = define('Lead', {
      on: 'submit',
      selector: 'form',
      fields: ['utm_source', { name: 'plan', hidden: true }, 'email'],
    });
    expect(hiddenFields(definition, document)).toEqual([
      `events["Lead"]: field "utm_source" is a hidden input, which is not read without the opt-in; it is sent without it. List it as { name: 'utm_source', hidden: true } in fields (or add hidden: true to its { field } property)`,
    ]);
    document.body.innerHTML = '';
  });

  it('reports a malformed fields entry and disables the definition', () => {
    const problems = createProblems();
    readEvents(problems, { Bad: { on: 'submit', selector: 'form', fields: [{ hiden: true }] } });
    expect(problems.errors.map((error) => error.message)).toEqual([
      'events["Bad"].fields[0].hiden: unknown field (did you mean hidden?); this definition is disabled',
    ]);
  });
});
