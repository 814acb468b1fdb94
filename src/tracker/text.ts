// Text as a rule sends it (pure over DOM nodes): collapsed, trimmed and capped. Shared by the tracker's property readers
// and the trigger kinds' standard properties.

/** The longest text value (element text, attribute, field value) a rule sends, in characters. */
export const MAX_TEXT_LENGTH = 255;

/** A text value as sent: whitespace collapsed, trimmed, at most MAX_TEXT_LENGTH characters. */
export const clip = (text: string | null | undefined) => text?.replace(/\s+/g, ' ').trim().slice(0, MAX_TEXT_LENGTH);

/** An element's visible text: whitespace collapsed, trimmed, at most MAX_TEXT_LENGTH characters. */
export const textOf = (element: Element) => clip((element as HTMLElement).innerText ?? element.textContent);

/** An attribute's value as sent (clipped), or undefined when the element does not have it. */
export const attributeOf = (element: Element, name: string) => clip(element.getAttribute(name));
