// @vitest-environment happy-dom
// Link presets on click rules: outbound (another registrable domain, `domains` internal), download (by extension,
// `extensions` overriding the default list), mailto and tel; with or without a selector narrowing them; the standard
// link properties; validation naming the field; the preview's misses.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createProblems } from '../../src/config/readers';
import { readEvents } from '../../src/rules/definitions';
import { createRuleSet } from '../../src/rules/rule-set';
import { toUrlParts } from '../../src/rules/url-pattern';
import { startTracker } from '../../src/tracker/tracker';
import { loadKinds, runtimeOf } from '../helpers/kinds';
import { explainEvent } from '../../src/debug/explain';
import { registrableDomain } from '../../src/triggers/link/links';

const read = (events: Record<string, unknown>) => {
  const problems = createProblems();
  const definitions = readEvents(problems, events);
  return { definitions, errors: problems.errors.map((error) => error.message) };
};
let calls: [string, Record<string, unknown>][] = [];
let stop: () => void = () => {};
const start = (events: Record<string, unknown>) => {
  stop = startTracker(
    createRuleSet(read(events).definitions),
    {
      track: (name, properties) => calls.push([name as string, properties as Record<string, unknown>]),
      identify: () => {},
    },
    { loadKind: loadKinds },
  );
};
const click = (selector: string) => {
  const element = document.querySelector(selector) as HTMLElement;
  element.addEventListener('click', (event) => event.preventDefault(), { once: true });
  element.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true, cancelable: true }));
};
const fired = () => calls.map(([name]) => name);

beforeEach(() => {
  calls = [];
  history.replaceState(null, '', '/docs');
  document.body.innerHTML = `<nav><a id="ext" href="https://partner.example.org/x">Partner</a>
    <a id="sub" href="https://blog.${location.hostname}/post">Blog</a><a id="rel" href="/pricing">Pricing</a></nav>
    <footer><a id="pdf" href="/files/Price%20list.PDF?v=2">Prices</a><a id="mail" href="mailto:sales@shop.test">Mail</a>
    <a id="tel" href="tel:+441234"><span>Call</span></a><a id="out2" href="https://cdn.partner.io/a.zip">Zip</a></footer>`;
});
afterEach(() => stop());

describe('link presets on click rules', () => {
  it('are validated: an unknown preset, a bad list, and a click rule with neither selector nor link, each naming the field', () => {
    expect(
      read({ A: { on: 'click', link: 'outbound', domains: ['partner.io'] }, B: { on: 'click', link: 'download', selector: 'footer' } })
        .errors,
    ).toEqual([]);
    expect(read({ Bad: { on: 'click', link: 'external' } }).errors).toEqual([
      'events["Bad"].link: expected one of "outbound", "download", "mailto", "tel", got "external"; using "outbound"; this definition is disabled',
    ]);
    expect(read({ Bad: { on: 'click', link: 'download', extensions: 5 } }).errors[0]).toMatch(
      /^events\["Bad"\]\.extensions: expected a list of file extensions/,
    );
    expect(read({ Bad: { on: 'click', link: 'outbound', domains: [''] } }).errors[0]).toMatch(
      /^events\["Bad"\]\.domains\[0\]: expected a non-empty string/,
    );
    expect(read({ Bad: { on: 'click' } }).errors).toEqual(['events["Bad"].selector: required; this definition is disabled']);
  });

  it('outbound: another registrable domain only (subdomains and `domains` are internal), with href and linkDomain', () => {
    start({ Out: { on: 'click', link: 'outbound' }, Out2: { on: 'click', link: 'outbound', domains: ['partner.io'] } });
    for (const id of ['#ext', '#sub', '#rel', '#out2']) click(id);
    expect(calls).toEqual([
      ['Out', { elementText: 'Partner', elementId: 'ext', href: 'https://partner.example.org/x', linkDomain: 'partner.example.org' }],
      ['Out2', expect.objectContaining({ linkDomain: 'partner.example.org' })],
      ['Out', expect.objectContaining({ linkDomain: 'cdn.partner.io', fileName: 'a.zip', fileExtension: 'zip' })],
    ]);
  });

  it('download by extension (default list or `extensions`), mailto and tel; a selector narrows a preset', () => {
    start({
      Download: { on: 'click', link: 'download' },
      OnlyZip: { on: 'click', link: 'download', extensions: ['.zip'] },
      Mail: { on: 'click', link: 'mailto' },
      Call: { on: 'click', link: 'tel', selector: 'footer' },
      NavCall: { on: 'click', link: 'tel', selector: 'nav' },
    });
    for (const id of ['#pdf', '#rel', '#mail', '#tel span', '#out2']) click(id);
    expect(fired()).toEqual(['Download', 'Mail', 'Call', 'Download', 'OnlyZip']);
    expect(calls[0][1]).toMatchObject({ href: '/files/Price%20list.PDF?v=2', fileName: 'Price list.PDF', fileExtension: 'pdf' });
  });

  it('registrable domains are approximated with second-level suffixes', () => {
    expect(['www.shop.example.com', 'a.b.shop.co.uk', 'localhost', '10.0.0.1', 'shop.com.au'].map(registrableDomain)).toEqual([
      'example.com',
      'shop.co.uk',
      'localhost',
      '10.0.0.1',
      'shop.com.au',
    ]);
  });

  it('the preview says why a link did not match its preset or selector', () => {
    const { definitions } = read({ Call: { on: 'click', link: 'tel', selector: 'nav' } });
    const around = { parts: toUrlParts(location.href, ''), destinations: ['Segment.io'] };
    const path = (selector: string) => {
      const nodes: EventTarget[] = [];
      for (let node: Element | null = document.querySelector(selector); node; node = node.parentElement) nodes.push(node);
      return [...nodes, document, window];
    };
    expect(explainEvent('click', definitions, path('#mail'), around, runtimeOf)[0].reason).toBe(
      'link "mailto:sales@shop.test" is not a tel link',
    );
    expect(explainEvent('click', definitions, path('#tel span'), around, runtimeOf)[0].reason).toBe(
      'selector nav did not match around link "tel:+441234"',
    );
    expect(explainEvent('click', definitions, path('footer'), around, runtimeOf)[0].reason).toMatch(
      /^no link was clicked \(clicked <footer /,
    );
  });
});
