import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { CDN_SCRIPT_URL, renderSnippet, snippetPage } from '../../e2e/snippet';

const require = createRequire(import.meta.url);
const official = { '5.2.1': require('@segment/snippet'), '4.15.3': require('segment-snippet-4') } as const;

/** Code only: comments and blank space dropped, so two renderings compare by what they run. */
const code = (js: string) =>
  js
    .split('\n')
    .map((line) => line.replace(/^\s*\/\/.*$/, '').trim())
    .filter(Boolean)
    .join('\n');

describe('renderSnippet', () => {
  for (const version of ['5.2.1', '4.15.3'] as const) {
    it(`runs the same code as ${version}'s max() with load and page, apart from the script URL`, () => {
      const options = { segment: { apiHost: 'http://127.0.0.1:1/v1' }, flushAt: 1 };
      const expected = official[version]
        .max({ apiKey: 'wk-1', load: options, page: true })
        .split(CDN_SCRIPT_URL)
        .join('"/dist/tally.min.js"');
      expect(code(renderSnippet({ version, writeKey: 'wk-1', options }))).toBe(code(expected));
    });
  }

  it('renders load without options and page() with its arguments as max() does', () => {
    const expected = official['5.2.1'].max({ apiKey: 'k', page: { category: 'Docs', name: 'Intro' } });
    const mine = renderSnippet({ writeKey: 'k', page: { category: 'Docs', name: 'Intro' }, scriptUrl: 'X' });
    expect(code(mine)).toBe(code(expected.split(CDN_SCRIPT_URL).join('"X"')));
    expect(mine).toContain('analytics.load("k");');
    expect(renderSnippet({ writeKey: 'k', page: false })).not.toContain('analytics.page(');
  });

  it('keeps the 5.2.1 stub (22 methods, buffered page context) and loads tally, not the CDN', () => {
    const js = renderSnippet({ writeKey: 'k' });
    expect(js).toContain('t.src = "/dist/tally.min.js"');
    expect(js).not.toContain('cdn.segment.com');
    expect(js).toContain('__t: "bpc"');
    expect(js).toContain('"register"');
  });
});

describe('snippetPage', () => {
  it('places head extras before the snippet and body extras after it, escaping </script> in options', () => {
    const html = snippetPage({
      writeKey: 'k',
      head: '<link rel="canonical" href="/c">',
      body: '<p id="after"></p>',
      options: { x: '</script>' },
    });
    expect(html.indexOf('rel="canonical"')).toBeLessThan(html.indexOf('analytics.load('));
    expect(html.indexOf('analytics.load(')).toBeLessThan(html.indexOf('id="after"'));
    expect(html).not.toContain('"</script>"');
    expect(html).toContain('\\u003c/script>');
  });
});
