// Touches the DOM: the editor's "Element" section. The person picks a selector among the choices for the picked element
// (or its form), edits it, and sees how many elements on the page it matches; a choice with text adds the text checkbox.
import { h } from './ui';
import type { SelectorChoice, SelectorChoices } from './selector';

/** The section, and what the editor reads from it. */
export interface ElementSection {
  node: HTMLElement;
  /** Offers `choices` (the best one chosen), or hides the section for a rule on the page (undefined). */
  show(choices: SelectorChoices | undefined): void;
  /** The selector as written now. */
  selector(): string;
  /** The chosen text condition, when its box is ticked (else empty). */
  text(): string;
  /** Shows how many elements the selector matches (undefined: no count, for a rule on the page). */
  showCount(matches: number | undefined): void;
}

/** A <select> of selector choices, the best first, each with its count. */
function choiceList(choices: SelectorChoices): HTMLSelectElement {
  const label = (choice: SelectorChoice, what: string) =>
    `${what}: ${choice.selector}${choice.text ? ` + text "${choice.text}"` : ''} (${choice.count} on this page)`;
  return h(
    'select',
    {},
    h('option', { value: '0', textContent: label(choices.best, 'this element') }),
    ...choices.broader.map((choice, i) => h('option', { value: String(i + 1), textContent: label(choice, 'all like it') })),
  );
}

/** Builds the section; `onChange` runs after each change the person makes in it. */
export function createElementSection(onChange: () => void): ElementSection {
  const selector = h('input', { type: 'text' });
  const count = h('div', { className: 'meta' });
  const textBox = h('input', { type: 'checkbox' });
  const textShown = h('code', {});
  const textLine = h('label', {}, textBox, ' only when its text is ', textShown);
  let choiceText = '';
  let select = h('select', {});
  const node = h('section', {}, h('h3', { textContent: 'Element' }), select, selector, count, textLine);
  selector.addEventListener('input', onChange);
  textBox.addEventListener('change', onChange);

  const useChoice = (choice: SelectorChoice) => {
    selector.value = choice.selector;
    choiceText = choice.text ?? '';
    textBox.checked = !!choice.text;
    textShown.textContent = JSON.stringify(choiceText);
    textLine.style.display = choice.text ? '' : 'none';
  };
  return {
    node,
    show(choices) {
      node.style.display = choices ? '' : 'none';
      if (!choices) return;
      const next = choiceList(choices);
      select.replaceWith(next);
      select = next;
      select.addEventListener('change', () => {
        useChoice(Number(select.value) ? choices.broader[Number(select.value) - 1] : choices.best);
        onChange();
      });
      useChoice(choices.best);
    },
    selector: () => selector.value,
    text: () => (textBox.checked ? choiceText : ''),
    showCount(matches) {
      count.textContent = matches === undefined ? '' : `${matches} ${matches === 1 ? 'element matches' : 'elements match'} on this page`;
      count.className = matches ? 'meta' : 'bad';
    },
  };
}
