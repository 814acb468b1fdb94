// @vitest-environment happy-dom
// The picker asks before saving a rule whose selector matches nothing on the page (a typo, or an element only other pages
// have): Save draft and Publish then write nothing until "… anyway" is pressed; a selector that matches writes at once.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { offerPublish } from '../../src/picker/publish';
import type { Editor } from '../../src/picker/editor';
import type { Draft } from '../../src/picker/draft';

const draft: Draft = {
  name: 'Buy Clicked',
  on: 'click',
  selector: 'button.gone',
  text: '',
  properties: {},
  fields: [],
  fire: [],
  dontFire: [],
};

function open(matches: number | undefined) {
  document.body.replaceChildren();
  sessionStorage.setItem('tally_editor_token', 'token');
  const writes: string[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init?: RequestInit) => {
      if (init?.method === 'PUT') writes.push(url);
      return new Response(JSON.stringify({ number: 1, preview: 'p', events: {} }), { status: 200 });
    }),
  );
  const editor: Editor = {
    node: document.createElement('div'),
    draft: () => draft,
    report: () => {},
    saveArea: document.createElement('div'),
    matches: () => matches,
  };
  document.body.append(editor.saveArea);
  offerPublish(editor, { url: '/t/rules' });
  const press = (text: string) =>
    Array.from(editor.saveArea.querySelectorAll('button'))
      .find((button) => button.textContent === text)
      ?.click();
  return { editor, writes, press };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

beforeEach(() => {
  vi.unstubAllGlobals();
});

describe('saving a rule from the picker', () => {
  it.each(['Save draft', 'Publish'])('%s asks first when the selector matches nothing on the page', async (action) => {
    const { editor, writes, press } = open(0);
    press(action);
    await settle();
    expect(writes).toEqual([]);
    expect(editor.saveArea.textContent).toContain(
      `button.gone matches nothing on this page, so the rule would not fire here. ${action} anyway?`,
    );
    press(`${action} anyway`);
    await settle();
    expect(writes).toHaveLength(1);
  });

  it('writes at once when the selector matches, or for a rule on the page', async () => {
    for (const matches of [2, undefined]) {
      const { writes, press } = open(matches);
      press('Save draft');
      await settle();
      expect(writes).toEqual(['/t/rules/draft']);
    }
  });
});
