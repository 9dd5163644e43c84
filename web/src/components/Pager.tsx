/**
 * Cursor paging as the graph offers it (`first`/`after`, `pageInfo { hasNextPage endCursor }`):
 * `useCursorPages` keeps the stack of cursors of the pages visited (so "previous" needs no
 * backward cursor), `Pager` draws the previous / next buttons and the page number.
 */
import { useCallback, useState } from 'react';

interface PageInfo {
  hasNextPage: boolean;
  endCursor?: string | null;
}

export interface CursorPages {
  /** The `after` variable of the current page. */
  after: string | null;
  /** 1 for the first page. */
  page: number;
  previous: () => void;
  next: (pageInfo: PageInfo) => void;
  /** Back to the first page (a new search). */
  reset: () => void;
}

export function useCursorPages(): CursorPages {
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const previous = useCallback(() => setCursors((list) => (list.length > 1 ? list.slice(0, -1) : list)), []);
  const next = useCallback((pageInfo: PageInfo) => setCursors((list) => [...list, pageInfo.endCursor ?? null]), []);
  const reset = useCallback(() => setCursors([null]), []);
  return { after: cursors[cursors.length - 1] ?? null, page: cursors.length, previous, next, reset };
}

export function Pager({ label, pages, pageInfo }: { label: string; pages: CursorPages; pageInfo: PageInfo }) {
  if (pages.page === 1 && !pageInfo.hasNextPage) return null;
  return (
    <nav className="fr-btns-group fr-btns-group--inline-sm fr-btns-group--sm" aria-label={label}>
      <button type="button" className="fr-btn fr-btn--secondary fr-btn--sm" disabled={pages.page === 1} onClick={pages.previous}>
        Page précédente
      </button>
      <span className="fr-text--sm fr-mx-2w" aria-live="polite">
        Page {pages.page}
      </span>
      <button type="button" className="fr-btn fr-btn--secondary fr-btn--sm" disabled={!pageInfo.hasNextPage} onClick={() => pages.next(pageInfo)}>
        Page suivante
      </button>
    </nav>
  );
}
