import { create } from 'zustand';
import type { InterviewSummary } from '../lib/db/records';
import type { MessageInput, MessageOutput } from '../lib/protocol/protocol';

/** The options page's views, one per hash route. */
export type OptionsRoute =
  | { view: 'interviews' }
  | { view: 'interview'; id: string }
  | { view: 'guides'; id?: string }
  | { view: 'import' }
  | { view: 'settings' }
  | { view: 'data' }
  | { view: 'sync' }
  | { view: 'debrief' };

/**
 * Reads a route from `location.hash`: `#/interviews`, `#/interviews/<id>` (the popup links here), `#/guides`,
 * `#/guides/<id>`, `#/import`, `#/settings`, `#/data`. Anything else (including an empty hash) is the list.
 */
export function parseRoute(hash: string): OptionsRoute {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(safeDecode);
  const [head, id] = parts;
  if (head === 'interviews' && id) return { view: 'interview', id };
  if (head === 'guides') return id ? { view: 'guides', id } : { view: 'guides' };
  if (head === 'import' || head === 'settings' || head === 'data' || head === 'sync' || head === 'debrief') return { view: head };
  return { view: 'interviews' };
}

function safeDecode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

/** The hash of a route, the inverse of `parseRoute`. */
export function routeHash(route: OptionsRoute): string {
  switch (route.view) {
    case 'interview':
      return `#/interviews/${encodeURIComponent(route.id)}`;
    case 'guides':
      return route.id ? `#/guides/${encodeURIComponent(route.id)}` : '#/guides';
    default:
      return `#/${route.view}`;
  }
}

export type ListSort = MessageInput<'interviews.list'>['sort'] & string;

/** How many of the listed interviews are selected, for the "select all" checkbox's checked/mixed state. */
export function selectionState(items: readonly { id: string }[], selected: ReadonlySet<string>): 'none' | 'some' | 'all' {
  if (selected.size === 0 || items.length === 0) return 'none';
  let count = 0;
  for (const item of items) if (selected.has(item.id)) count++;
  if (count === 0) return 'none';
  return count === items.length ? 'all' : 'some';
}

/** Selection after toggling one id (a new Set, so React sees the change). */
export function toggleId(selected: ReadonlySet<string>, id: string): Set<string> {
  const next = new Set(selected);
  if (next.has(id)) next.delete(id);
  else next.add(id);
  return next;
}

/**
 * Selection after the header checkbox: when every listed interview is already selected, they are all unselected;
 * otherwise every listed one is added (ids selected under an earlier search stay selected).
 */
export function toggleAll(items: readonly { id: string }[], selected: ReadonlySet<string>): Set<string> {
  const next = new Set(selected);
  if (selectionState(items, selected) === 'all') for (const item of items) next.delete(item.id);
  else for (const item of items) next.add(item.id);
  return next;
}

/** Range selection (shift+click): every id between the last clicked row and this one, inclusive, is selected. */
export function selectRange(items: readonly { id: string }[], selected: ReadonlySet<string>, fromId: string, toId: string): Set<string> {
  const a = items.findIndex((i) => i.id === fromId);
  const b = items.findIndex((i) => i.id === toId);
  const next = new Set(selected);
  if (a < 0 || b < 0) return toggleId(selected, toId);
  for (let i = Math.min(a, b); i <= Math.max(a, b); i++) next.add(items[i]!.id);
  return next;
}

/** Page size of `interviews.list` reads: the protocol's maximum, so 5,000 interviews arrive in one answer. */
export const LIST_PAGE = 10_000;

/** The one function the store needs from the protocol client, so tests pass a fake. */
export type ListFetcher = (input: MessageInput<'interviews.list'>) => Promise<MessageOutput<'interviews.list'>>;

/**
 * Reads every summary matching `query`, page by page. Summaries are small (about 300 bytes), so 5,000 interviews are
 * about 1.5 MB: one read keeps scrolling, sorting and select-all instant, and the list is virtualised for rendering.
 */
export async function fetchAllSummaries(fetch: ListFetcher, query: string, sort: ListSort): Promise<{ total: number; items: InterviewSummary[] }> {
  const items: InterviewSummary[] = [];
  let total: number;
  do {
    const page = await fetch({ query, sort, offset: items.length, limit: LIST_PAGE });
    total = page.total;
    items.push(...page.items);
    if (page.items.length === 0) break;
  } while (items.length < total);
  return { total, items };
}

interface InterviewListState {
  query: string;
  sort: ListSort;
  items: InterviewSummary[];
  total: number;
  /** True before the first answer; later reloads keep showing the previous rows. */
  loading: boolean;
  error: string | null;
  selected: Set<string>;
  /** The row last clicked, the anchor of a shift+click range. */
  anchor: string | null;
  /** Milliseconds the last read took (shown to nobody; the e2e test reports it). */
  lastLoadMs: number | null;
  setQuery(query: string): void;
  setSort(sort: ListSort): void;
  /** Re-reads the list for the current query and sort. Answers to stale requests are dropped. */
  load(fetch: ListFetcher): Promise<void>;
  toggle(id: string, range?: boolean): void;
  toggleAllListed(): void;
  clearSelection(): void;
  /** Forgets deleted ids (after a delete or a live change). */
  forget(ids: readonly string[]): void;
}

let generation = 0;

/** State of the interview list: search, sort, rows and selection. */
export const useInterviewList = create<InterviewListState>()((set, get) => ({
  query: '',
  sort: 'newest',
  items: [],
  total: 0,
  loading: true,
  error: null,
  selected: new Set(),
  anchor: null,
  lastLoadMs: null,
  setQuery: (query) => set({ query }),
  setSort: (sort) => set({ sort }),
  async load(fetch) {
    const mine = ++generation;
    const { query, sort } = get();
    const started = performance.now();
    try {
      const { total, items } = await fetchAllSummaries(fetch, query, sort);
      if (mine !== generation) return;
      set({ items, total, loading: false, error: null, lastLoadMs: Math.round(performance.now() - started) });
    } catch (error) {
      if (mine !== generation) return;
      set({ loading: false, error: error instanceof Error ? error.message : String(error) });
    }
  },
  toggle(id, range = false) {
    const { items, selected, anchor } = get();
    const next = range && anchor ? selectRange(items, selected, anchor, id) : toggleId(selected, id);
    set({ selected: next, anchor: id });
  },
  toggleAllListed: () => set({ selected: toggleAll(get().items, get().selected) }),
  clearSelection: () => set({ selected: new Set(), anchor: null }),
  forget(ids) {
    const gone = new Set(ids);
    const selected = new Set([...get().selected].filter((id) => !gone.has(id)));
    const items = get().items.filter((i) => !gone.has(i.id));
    set({ selected, items, total: Math.max(0, get().total - (get().items.length - items.length)) });
  },
}));
