// @vitest-environment happy-dom
// The selector generator on tricky DOMs. Each case's expected choice is what the generator chose (the closing note lists them).
import { beforeEach, describe, expect, it } from 'vitest';
import { chooseSelector, createCounter } from '../../src/picker/selector';
import { findForm, findTarget } from '../../src/picker/target';
import { isGeneratedClass, isStableId, looksHashed } from '../../src/picker/generated';

const $ = (selector: string, root: ParentNode = document) => root.querySelector(selector) as Element;
/** A composed path from `node` up to the window, through open shadow hosts, as a click on `node` would have. */
function pathOf(node: Node): EventTarget[] {
  const path: EventTarget[] = [];
  for (let at: Node | null = node; at; at = at.parentNode ?? (at as ShadowRoot).host ?? null) path.push(at);
  return [...path, window];
}
/** What a click on the element `clicked` finds: the target, and the generator's best choice for it. */
const pick = (clicked: Element) => chooseSelector(findTarget(pathOf(clicked)) as Element);

beforeEach(() => {
  document.body.replaceChildren();
});

describe('generated names', () => {
  it('recognises CSS-in-JS, CSS Modules and state classes, and keeps ordinary ones', () => {
    for (const name of [
      'css-1x2y3z',
      'sc-AxjAm',
      'jsx-2952345',
      'svelte-1ab2c3',
      'Button_primary__3xYz1',
      'Home_main__nLjiQ',
      'e1abc2d0',
      'is-active',
      'hover',
    ])
      expect(isGeneratedClass(name), name).toBe(true);
    for (const name of ['cta', 'btn-primary', 'col-md-6', 'card__title', 'signup', 'h3', 'nav-link'])
      expect(isGeneratedClass(name), name).toBe(false);
    expect(looksHashed('3xYz1')).toBe(true);
    expect(looksHashed('primary')).toBe(false);
  });

  it('recognises framework ids', () => {
    for (const id of [':r1:', '«r5»', 'ember123', 'radix-:R1:', 'headlessui-menu-button-1', '3f2b8c1e-1a2b-4c3d-8e9f-0a1b2c3d4e5f'])
      expect(isStableId(id), id).toBe(false);
    for (const id of ['signup', 'email', 'post-12', 'main-nav']) expect(isStableId(id), id).toBe(true);
  });
});

describe('finding what a click would match', () => {
  it('an SVG icon inside a button picks the button', () => {
    document.body.innerHTML = `<button aria-label="Close dialog"><svg viewBox="0 0 10 10"><path d="M0 0L10 10"></path></svg></button>`;
    expect(findTarget(pathOf($('path')))?.localName).toBe('button');
  });

  it('a span inside a link picks the link; a label picks the label; an input picks itself', () => {
    document.body.innerHTML = `<a href="/docs"><span>Docs</span></a><label>Email <input name="email"></label>`;
    expect(findTarget(pathOf($('span')))?.localName).toBe('a');
    expect(findTarget(pathOf($('label').firstChild as Node))?.localName).toBe('label');
    expect(findTarget(pathOf($('input')))?.localName).toBe('input');
  });

  it('without an interactive ancestor: the outermost svg, else the deepest element', () => {
    document.body.innerHTML = `<div class="hero"><svg class="logo"><g><path></path></g></svg><p>Text <em>here</em></p></div>`;
    expect(findTarget(pathOf($('path')))?.localName).toBe('svg');
    expect(findTarget(pathOf($('em')))?.localName).toBe('em');
  });

  it('[role=button] counts as interactive; the form of a control is its owner', () => {
    document.body.innerHTML = `<div role="button" class="tile"><i>icon</i></div><form id="f"></form><input form="f" name="x">`;
    expect(findTarget(pathOf($('i')))?.className).toBe('tile');
    expect(findForm($('input[name=x]'))?.id).toBe('f');
  });
});

describe('choosing a selector', () => {
  it('generated classes are skipped for the stable one', () => {
    document.body.innerHTML = `
      <button class="css-1x2y3z sc-AxjAm Button_primary__3xYz1 cta">Buy now</button>
      <button class="css-9a8b7c sc-BxkBn">Cancel</button>`;
    expect(pick($('.cta')).best).toEqual({ selector: 'button.cta', basis: 'class', count: 1 });
  });

  it('only generated classes and no attributes: the tag and the text', () => {
    document.body.innerHTML = `
      <div class="css-abc123"><button class="css-9f8e7d">Save</button><button class="css-9f8e7d">Discard</button></div>`;
    expect(pick($('button')).best).toEqual({ selector: 'button', text: 'Save', basis: 'text', count: 1 });
  });

  it('an id comes first; a generated id is skipped', () => {
    document.body.innerHTML = `<button id="signup" class="btn" data-plan="pro">Sign up</button><button id=":r1:" data-testid="close">×</button>`;
    expect(pick($('#signup')).best).toMatchObject({ selector: '#signup', basis: 'id' });
    expect(pick($('[data-testid]')).best).toMatchObject({ selector: '[data-testid="close"]', basis: 'data' });
  });

  it('a data attribute comes before classes; framework data attributes are skipped', () => {
    document.body.innerHTML = `<a class="nav-link" data-v-7ba5bd90 data-state="open" data-nav="pricing" href="/pricing">Pricing</a><a class="nav-link" href="/docs">Docs</a>`;
    expect(pick($('[data-nav]')).best).toEqual({ selector: '[data-nav="pricing"]', basis: 'data', count: 1 });
  });

  it('a link without id, data or unique class: its href', () => {
    document.body.innerHTML = `<nav><a class="nav-link" href="/pricing">Pricing</a><a class="nav-link" href="/docs">Docs</a></nav>`;
    expect(pick($('a')).best).toEqual({ selector: 'a[href="/pricing"]', basis: 'name', count: 1 });
  });

  it('an SVG icon button: the button by its accessible name', () => {
    document.body.innerHTML = `
      <button class="icon" aria-label="Close dialog"><svg><path d="M0 0"></path></svg></button>
      <button class="icon" aria-label="Open menu"><svg><path d="M1 1"></path></svg></button>`;
    expect(pick($('path')).best).toEqual({ selector: 'button[aria-label="Close dialog"]', basis: 'name', count: 1 });
  });

  it('repeated cards: under the unique card, and the same button on every card as a broader choice', () => {
    document.body.innerHTML = ['a', 'b', 'c']
      .map((id) => `<div class="card" data-product="${id}"><h3>${id}</h3><button class="buy">Buy</button></div>`)
      .join('');
    const choices = pick($('[data-product="b"] .buy span') ?? $('[data-product="b"] .buy'));
    expect(choices.best).toEqual({ selector: '[data-product="b"] button.buy', basis: 'ancestor', count: 1 });
    expect(choices.broader).toContainEqual({ selector: 'button.buy', basis: 'class', count: 3 });
  });

  it('identical repeated cards: positions, as a last resort', () => {
    document.body.innerHTML = `<section class="grid">${'<div class="card"><button class="buy">Buy</button></div>'.repeat(3)}</section>`;
    const second = document.querySelectorAll('.buy')[1];
    const { best } = pick(second);
    expect(best).toEqual({ selector: 'div.card:nth-of-type(2) > button.buy', basis: 'position', count: 1 });
    expect(document.querySelector(best.selector)).toBe(second);
  });

  it('a button in an open shadow root: a selector inside its tree, counted across the page', () => {
    document.body.innerHTML = `<button class="signup" data-plan="pro">Sign up</button><x-shop></x-shop>`;
    const root = $('x-shop').attachShadow({ mode: 'open' });
    root.innerHTML = `<button class="signup" data-plan="shadow">Sign up (shadow)</button>`;
    const choices = pick($('button', root));
    expect(choices.best).toEqual({ selector: '[data-plan="shadow"]', basis: 'data', count: 1 });
    expect(choices.broader).toContainEqual({ selector: 'button.signup', basis: 'class', count: 2 });
  });

  it('a plain button deep in a shadow root: a position chain that stops at the shadow root', () => {
    document.body.innerHTML = `<x-card></x-card><div><div><button>Go</button></div></div>`;
    const root = $('x-card').attachShadow({ mode: 'open' });
    root.innerHTML = `<div><span></span><div><button>Go</button></div></div>`;
    const { best } = pick($('button', root));
    expect(best.basis).toBe('position');
    expect(best.selector).not.toContain('x-card');
    expect(root.querySelector(best.selector)).toBe($('button', root));
  });

  it('a form for a submit rule', () => {
    document.body.innerHTML = `<form class="css-1q2w3e" action="/subscribe"><input name="email"><button>Go</button></form><form action="/search"></form>`;
    const form = findForm($('button')) as Element;
    expect(chooseSelector(form, { withText: false }).best).toEqual({ selector: 'form[action="/subscribe"]', basis: 'name', count: 1 });
  });

  it('every best choice matches the element it was made for', () => {
    document.body.innerHTML = `<main><ul>${'<li><a class="item">Item</a></li>'.repeat(4)}</ul><p><span>Plain</span></p></main>`;
    for (const element of Array.from(document.querySelectorAll('a, span, li'))) {
      const { best } = chooseSelector(element);
      expect(element.matches(best.selector), best.selector).toBe(true);
      expect(best.count).toBe(1);
    }
  });
});

describe('counting matches', () => {
  it('counts the document and open shadow roots, with the text condition', () => {
    document.body.innerHTML = `<button>A</button><button>B</button><x-a></x-a>`;
    $('x-a').attachShadow({ mode: 'open' }).innerHTML = `<button>A</button>`;
    const count = createCounter(document);
    expect(count('button')).toBe(3);
    expect(count('button', 'A')).toBe(2);
    expect(count('button[')).toBe(0);
  });
});
