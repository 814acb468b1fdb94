// Link presets of click rules (pure over URLs): what each of `link: 'outbound' | 'download' | 'mailto' | 'tel'`
// matches and the standard link properties (href, linkDomain, fileName, fileExtension) it sends. The link piece's code.
import { findElement } from '../../tracker/element';
import { optionOf, type LINK_PRESETS } from './spec';
import type { Definition } from '../../rules/types';
import type { JsonObject } from '../../event/types';

/** The file extensions a `download` link has by default: GA4 enhanced measurement's list, plus dmg, apk, epub and the like. */
export const DOWNLOAD_EXTENSIONS: readonly string[] = (
  'pdf xls xlsx doc docx ppt pps pptx odt ods odp txt rtf csv key pages numbers epub zip rar 7z gz tgz bz2 tar pkg dmg exe ' +
  'msi apk iso avi mov mp4 mpg mpeg m4v wmv webm mid midi mp3 wav wma m4a flac ogg'
).split(' ');

/** The selector of the elements a link preset looks at: links with an href. */
export const LINK_SELECTOR = 'a[href], area[href]';

/** Hosts of a registrable domain with two labels under a country code (`shop.co.uk`): a short list, not the public suffix list. */
const SECOND_LEVEL = /^(co|com|net|org|gov|edu|ac|ne|or|go|gob|nic|ltd|plc)\.[a-z]{2}$/;

/**
 * The registrable domain of a host, approximated without the public suffix list: its last two labels, or three under
 * a second-level suffix (`co.uk`, `com.au`); an IP address or single-label host stays whole.
 */
export function registrableDomain(host: string): string {
  const labels = host.toLowerCase().replace(/\.$/, '').split('.');
  if (/^[\d.]+$/.test(host) || host.includes(':') || labels.length < 2) return host.toLowerCase();
  const lastTwo = labels.slice(-2).join('.');
  return SECOND_LEVEL.test(lastTwo) && labels.length > 2 ? labels.slice(-3).join('.') : lastTwo;
}

/** A link's URL against the page's, or undefined for an href that is not a URL. */
const urlOf = (href: string, base: string) => {
  try {
    return new URL(href, base);
  } catch {
    return undefined;
  }
};

/** The file extension of a URL's last path segment (lower-cased, without the dot), if it has one. */
const extensionOf = (url: URL) => /\.([a-z\d]{1,8})$/i.exec(url.pathname)?.[1]?.toLowerCase();

/** A path segment decoded (`Price%20list.pdf` → `Price list.pdf`), or as is when it is not valid percent-encoding. */
function decoded(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** Whether `host` is `domain` or one of its subdomains. */
const isUnder = (host: string, domain: string) => host === domain || host.endsWith(`.${domain}`);

/** Whether a link's href is of the definition's preset, for a page at `pageHref`; true when the definition has none. */
export function isLinkOf(definition: Definition, href: string, pageHref: string): boolean {
  const preset = optionOf<(typeof LINK_PRESETS)[number]>(definition, 'link');
  if (!preset) return true;
  const url = urlOf(href, pageHref);
  if (!url) return false;
  if (preset === 'mailto' || preset === 'tel') return url.protocol === `${preset}:`;
  if (preset === 'download') {
    const extension = extensionOf(url);
    return !!extension && (optionOf<string[]>(definition, 'extensions') ?? DOWNLOAD_EXTENSIONS).includes(extension);
  }
  if (!/^https?:$/.test(url.protocol)) return false;
  const host = url.hostname.toLowerCase();
  const internal = [registrableDomain(new URL(pageHref).hostname), ...(optionOf<string[]>(definition, 'domains') ?? [])];
  return !internal.some((domain) => isUnder(host, domain));
}

/**
 * The link a click rule matched on a click's composed path: with a preset, the nearest link of that preset inside the
 * rule's selector (when it has one) with its text; without, the nearest element the selector matches.
 */
export function findLink(definition: Definition, path: EventTarget[], pageHref: string): Element | undefined {
  const link = findElement(path, LINK_SELECTOR, definition.text);
  if (!link || !isLinkOf(definition, link.getAttribute('href') as string, pageHref)) return undefined;
  const selector = definition.selector;
  return !selector || findElement(path.slice(path.indexOf(link)), selector) ? link : undefined;
}

/** The link a preset rule matched on a click's path, or why it did not, in words, for the preview. */
export function explainLink(definition: Definition, path: EventTarget[], pageHref: string, clicked: string): Element | string {
  const link = findElement(path, LINK_SELECTOR, definition.text);
  if (!link) return `no link${definition.text ? ` with text ${definition.text.written}` : ''} was clicked (clicked ${clicked})`;
  const href = link.getAttribute('href') as string;
  const preset = optionOf<string>(definition, 'link');
  if (!isLinkOf(definition, href, pageHref))
    return `link ${JSON.stringify(href)} is not ${preset === 'outbound' ? 'an outbound' : `a ${preset}`} link`;
  return findLink(definition, path, pageHref) ?? `selector ${definition.selector} did not match around link ${JSON.stringify(href)}`;
}

/** The standard properties of a preset's link: its domain (web links) and its file's name and extension (when it has one). */
export function linkProperties(href: string, pageHref: string): JsonObject {
  const url = urlOf(href, pageHref);
  if (!url || !/^https?:$/.test(url.protocol)) return {};
  const extension = extensionOf(url);
  const fileName = extension ? decoded(url.pathname.split('/').pop() as string) : undefined;
  return { linkDomain: url.hostname, fileName, fileExtension: extension };
}
