// Renders the official Segment snippet (@segment/snippet max()) into a test page that loads tally instead of analytics.js.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export type SnippetVersion = '5.2.1' | '4.15.3';
type PageCall = boolean | { category?: string; name?: string; properties?: Record<string, unknown> };
interface SnippetLib {
  max(options: { apiKey?: string; load?: boolean | object; page?: PageCall; host?: string }): string;
}

/** The npm packages of each snippet version (4.15.3 is installed under an alias). */
const SNIPPETS: Record<SnippetVersion, SnippetLib> = {
  '5.2.1': require('@segment/snippet'),
  '4.15.3': require('segment-snippet-4'),
};

/** The script URL exactly as max() renders it; the only part of the snippet we change. */
export const CDN_SCRIPT_URL = '"https://cdn.segment.com/analytics.js/v1/" + key + "/analytics.min.js"';

/** Where the site origin serves the script-tag bundle. */
export const TALLY_SCRIPT_URL = '/dist/tally.min.js';

/** Escapes `<` so a JSON value can sit inside a <script> element; the JS value is unchanged. */
const scriptSafeJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');

/** `analytics.load(...)` as @segment/snippet's renderLoad writes it. */
export function renderLoad(writeKey: string, options?: object): string {
  return options === undefined ? `analytics.load("${writeKey}");` : `analytics.load("${writeKey}", ${scriptSafeJson(options)});`;
}

/** `analytics.page(...)` as @segment/snippet's renderPage writes it (category, name, properties). */
export function renderPage(page: PageCall): string {
  if (!page) return '';
  const args = page === true ? [] : [page.category, page.name, page.properties].filter(Boolean);
  return `analytics.page(${args.map((arg) => scriptSafeJson(arg)).join(', ')});`;
}

export interface SnippetOptions {
  version?: SnippetVersion;
  writeKey: string;
  /** JSON-serialised into analytics.load's second argument; omitted → `analytics.load("key")`. */
  options?: object;
  /** Render the snippet's first page() call (default true), or page(category, name, properties). */
  page?: PageCall;
  /** Replaces the CDN URL (default /dist/tally.min.js on the site origin). */
  scriptUrl?: string;
}

/**
 * The snippet's JavaScript: max() rendered with load: false, the CDN URL swapped for tally's bundle, then
 * load() and page() placed at the end of the snippet's function, where max() puts them (so its guards apply).
 */
export function renderSnippet({ version = '5.2.1', writeKey, options, page = true, scriptUrl = TALLY_SCRIPT_URL }: SnippetOptions): string {
  const rendered = SNIPPETS[version].max({ apiKey: writeKey, load: false, page: false });
  if (!rendered.includes(CDN_SCRIPT_URL)) throw new Error(`snippet ${version} no longer renders ${CDN_SCRIPT_URL}`);
  const end = rendered.lastIndexOf('})();');
  const calls = [renderLoad(writeKey, options), renderPage(page)]
    .filter(Boolean)
    .map((line) => `  ${line}\n`)
    .join('');
  const swapped = rendered.slice(0, end).split(CDN_SCRIPT_URL).join(JSON.stringify(scriptUrl));
  return `${swapped}${calls}${rendered.slice(end)}`;
}

export interface SnippetPageOptions extends SnippetOptions {
  /** Extra HTML in <head>, before the snippet (a canonical link, a meta tag). */
  head?: string;
  /** Extra HTML or scripts in <body>, after the snippet. */
  body?: string;
  title?: string;
}

/** A full HTML document with the official snippet in <head>, as a site would install it. */
export function snippetPage({ head = '', body = '', title = 'tally e2e', ...snippet }: SnippetPageOptions): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${title}</title>
${head}
<script>
${renderSnippet(snippet)}
</script>
</head>
<body>
${body}
</body>
</html>
`;
}
