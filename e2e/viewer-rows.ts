// Reads the live event viewer (collector/viewer) in any engine: what its visible rows show, per destination column.
import type { TestPage } from './fixtures';

/** What one visible viewer row shows. */
export interface ViewerRow {
  text: string;
  /** A page event's row. */
  page: boolean;
  title: string;
  data: string;
  identity: string;
  rule: string;
  delivery: string;
  errors: (string | null)[];
  /** The row's full JSON, as its details show it. */
  payload: string;
}

/** The visible rows of one kind (`row-event` or `row-request`) in a column (a CSS selector), newest first. */
export function viewerRows(viewer: TestPage, column: string, kind = 'row-event'): Promise<ViewerRow[]> {
  return viewer.evaluate(
    ({ column, kind }) =>
      [...document.querySelectorAll(`${column} .${kind}`)]
        .filter((row) => row.getClientRects().length > 0)
        .map((row) => ({
          text: row.textContent ?? '',
          page: row.querySelector('.type-page') !== null,
          title: row.querySelector('.title')?.textContent ?? '',
          data: row.querySelector('.data')?.textContent ?? '',
          identity: row.querySelector('.identity')?.textContent ?? '',
          rule: row.querySelector('.badge-rule')?.textContent ?? '',
          delivery: row.querySelector('.badge-delivery')?.textContent ?? '',
          errors: [...row.querySelectorAll('.badge-error')].map((badge) => badge.textContent),
          payload: row.querySelector('.payload')?.textContent ?? '',
        })),
    { column, kind },
  );
}
