// Touches the DOM: the picker's building blocks, made with createElement and textContent only (no innerHTML, no eval),
// and its styles as a constructed stylesheet, which a strict CSP (no 'unsafe-inline' styles) still applies.

/** The custom element the picker draws in; its shadow root keeps the page's CSS out and the picker's in. */
export const PICKER_TAG = 'tally-picker';

type Child = Node | string | false | undefined;

/**
 * Creates an element, sets its properties (className, textContent, type, value...) and appends its children.
 * @example h('button', { className: 'primary', type: 'button' }, 'Save')
 */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  properties: Partial<HTMLElementTagNameMap[K]> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = Object.assign(document.createElement(tag), properties);
  for (const child of children) if (child) element.append(child);
  return element;
}

/**
 * Applies `css` to a shadow root: a constructed stylesheet where the browser has them (CSP's style-src does not govern
 * them), else a <style> element.
 */
export function addStyles(root: ShadowRoot, css: string): void {
  if ('adoptedStyleSheets' in root && typeof CSSStyleSheet === 'function' && 'replaceSync' in CSSStyleSheet.prototype) {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    root.adoptedStyleSheets = [sheet];
  } else root.append(h('style', { textContent: css }));
}

/** The picker's styles: a panel in the top-right corner, and the highlight box over the hovered element. */
export const STYLES = `
:host { all: initial; }
* { box-sizing: border-box; }
.panel { position: fixed; top: 8px; right: 8px; z-index: 2147483647; width: 380px; max-height: calc(100vh - 16px); overflow: auto;
  background: #111; color: #eee; font: 12px/1.45 ui-sans-serif, system-ui, sans-serif; border-radius: 8px; box-shadow: 0 4px 24px #0009; }
header { position: sticky; top: 0; background: #222; padding: 6px 10px; display: flex; gap: 8px; align-items: center; }
header strong { flex: 1; }
section { padding: 8px 10px; border-top: 1px solid #333; }
h3 { margin: 0 0 4px; font-size: 11px; text-transform: uppercase; letter-spacing: .04em; color: #9ab; }
label { display: block; margin: 2px 0; }
input[type=text], textarea, select { width: 100%; background: #000; color: #eee; border: 1px solid #444; border-radius: 4px; padding: 3px 5px;
  font: 12px ui-monospace, Menlo, monospace; }
textarea { height: 44px; resize: vertical; }
button { background: #2d6cdf; color: #fff; border: 0; border-radius: 4px; padding: 4px 10px; cursor: pointer; font: inherit; }
button.quiet { background: #333; }
button:disabled { opacity: .5; cursor: default; }
pre { margin: 4px 0; padding: 6px; background: #000; border-radius: 4px; max-height: 180px; overflow: auto; font: 11px ui-monospace, Menlo, monospace;
  white-space: pre-wrap; word-break: break-all; }
.meta { color: #999; } .bad { color: #f77; } .good { color: #7d7; } .note { color: #fc6; }
.row { display: flex; gap: 6px; align-items: center; margin-top: 6px; }
.box { position: fixed; z-index: 2147483646; pointer-events: none; border: 2px solid #2d6cdf; background: #2d6cdf22; border-radius: 3px; display: none; }
.tip { position: fixed; z-index: 2147483647; pointer-events: none; background: #2d6cdf; color: #fff; padding: 2px 6px; border-radius: 3px;
  font: 11px ui-monospace, Menlo, monospace; display: none; max-width: 60vw; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
`;
