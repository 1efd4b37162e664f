import { create, type StoreApi, type UseBoundStore } from 'zustand';
import { toFault, type Fault } from '../lib/client/fault-text';
import type { InterviewSummary } from '../lib/db/records';
import { mergeBackups, type Backup } from '../lib/export/backup';
import type { Guide } from '../lib/guides/schema';
import { call as protocolCall, type ProtocolCaller } from '../lib/protocol/client';
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

/** What the options store needs from the outside world; passed in so that unit tests drive it without a browser. */
export interface OptionsDeps {
  /** How the page reaches the background: `call` from lib/protocol/client.ts, or a fake in tests. */
  call: ProtocolCaller;
}

/** Interviews per `data.export` call: 500 interviews of 40 notes are about 12 MB, far below the message cap. */
export const EXPORT_BATCH = 500;

/**
 * The options page's state (the interview list: search, sort, rows and selection) and every background action its
 * views take. Actions throw `ApiCallError` with the background's typed error; the views show its text.
 */
export interface OptionsState {
  query: string;
  sort: ListSort;
  items: InterviewSummary[];
  total: number;
  /** True before the first answer; later reloads keep showing the previous rows. */
  loading: boolean;
  /** Why the list could not be read (see `FaultNotice`); null after a successful read. */
  error: Fault | null;
  selected: Set<string>;
  /** The row last clicked, the anchor of a shift+click range. */
  anchor: string | null;
  /** Milliseconds the last read took (shown to nobody; the e2e test reports it). */
  lastLoadMs: number | null;
  setQuery(query: string): void;
  setSort(sort: ListSort): void;
  /** Re-reads the list for the current query and sort. Answers to stale requests are dropped. */
  load(): Promise<void>;
  toggle(id: string, range?: boolean): void;
  toggleAllListed(): void;
  clearSelection(): void;
  /** Forgets deleted ids (after a delete or a live change). */
  forget(ids: readonly string[]): void;

  /** Deletes interviews and forgets them in the list. @returns how many were deleted. */
  deleteInterviews(ids: string[]): Promise<number>;
  /** Reads one interview with its guide snapshot, answers, notes and transcript. */
  readInterview(id: string): Promise<MessageOutput<'interviews.get'>>;
  /** Changes an interview's summary or recommendation. @returns the stored row. */
  updateInterview(id: string, patch: MessageInput<'interviews.update'>['patch']): Promise<MessageOutput<'interviews.update'>>;
  /** Ends a running interview (its wrap-up given here after the call was over; issue 17). */
  endInterview(id: string): Promise<MessageOutput<'interviews.end'>>;
  /** Running interviews whose call is over, waiting for a recommendation and End (issue 17). */
  pendingWrapUps(): Promise<MessageOutput<'interviews.pendingWrapUps'>>;
  /** Every role guide (bundled first, then custom by title). */
  listGuides(): Promise<MessageOutput<'guides.list'>>;
  readGuide(id: string): Promise<MessageOutput<'guides.get'>>;
  /** Saves a custom guide (new or replacing one of the same id). @returns the stored guide's summary. */
  saveGuide(guide: Guide): Promise<MessageOutput<'guides.save'>>;
  deleteGuide(id: string): Promise<void>;
  /** Imports one part of a checked backup (all or nothing). @returns what was added, updated, unchanged, refused. */
  importBackup(backup: Backup): Promise<MessageOutput<'data.import'>>;
  /**
   * Reads the backup of the chosen interviews (all when `ids` is omitted) in batches of `EXPORT_BATCH`, since a
   * runtime message is capped at 64 MiB in Chromium and years of interviews are more than that, and joins them.
   * A full export also carries every custom guide.
   */
  fetchBackup(ids?: string[]): Promise<Backup>;
  /** Storage used and granted, and whether it is persistent. */
  storageInfo(): Promise<MessageOutput<'data.storage'>>;
  /** Deletes every interview (the protocol's safety literal is sent) and clears the selection. @returns how many. */
  wipeAll(): Promise<number>;
  /** Applies the retention setting now. @returns how many interviews it deleted. */
  applyRetention(): Promise<number>;
  /** The call-detection events the background kept, newest first. */
  diagnostics(): Promise<MessageOutput<'diagnostics.get'>>;
  /** A `ping` round trip to the background worker. */
  ping(): Promise<void>;
}

/** Creates an options store over the given dependencies (tests pass fakes; the page uses `useOptions`). */
export function createOptionsStore(deps: OptionsDeps): UseBoundStore<StoreApi<OptionsState>> {
  let generation = 0;
  const fetchList: ListFetcher = (input) => deps.call('interviews.list', input);
  return create<OptionsState>()((set, get) => ({
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
    async load() {
      const mine = ++generation;
      const { query, sort } = get();
      const started = performance.now();
      try {
        const { total, items } = await fetchAllSummaries(fetchList, query, sort);
        if (mine !== generation) return;
        set({ items, total, loading: false, error: null, lastLoadMs: Math.round(performance.now() - started) });
      } catch (error) {
        if (mine !== generation) return;
        set({ loading: false, error: toFault(error) });
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

    async deleteInterviews(ids) {
      const { deleted } = await deps.call('interviews.delete', { ids });
      get().forget(ids);
      return deleted;
    },
    readInterview: (id) => deps.call('interviews.get', { id }),
    updateInterview: (id, patch) => deps.call('interviews.update', { id, patch }),
    endInterview: (id) => deps.call('interviews.end', { id }),
    pendingWrapUps: () => deps.call('interviews.pendingWrapUps', {}),
    listGuides: () => deps.call('guides.list', {}),
    readGuide: (id) => deps.call('guides.get', { id }),
    saveGuide: (guide) => deps.call('guides.save', { guide }),
    async deleteGuide(id) {
      await deps.call('guides.delete', { id });
    },
    importBackup: (backup) => deps.call('data.import', { backup }),
    async fetchBackup(ids) {
      const wanted = ids ?? (await deps.call('interviews.list', { limit: 1_000_000 })).items.map((item) => item.id);
      const parts: Backup[] = [];
      for (let i = 0; i < Math.max(1, wanted.length); i += EXPORT_BATCH) {
        parts.push(await deps.call('data.export', { ids: wanted.slice(i, i + EXPORT_BATCH), allGuides: ids === undefined && i === 0 }));
      }
      return parts.length === 1 ? parts[0]! : mergeBackups(parts, new Date());
    },
    storageInfo: () => deps.call('data.storage', {}),
    async wipeAll() {
      const { deleted } = await deps.call('data.wipe', { confirm: 'DELETE' });
      get().clearSelection();
      return deleted;
    },
    async applyRetention() {
      return (await deps.call('data.retention', {})).deleted;
    },
    async diagnostics() {
      return [...(await deps.call('diagnostics.get', {}))].sort((a, b) => b.at - a.at);
    },
    async ping() {
      await deps.call('ping', { from: 'options' });
    },
  }));
}

/** The options page's store, wired to the background protocol. */
export const useOptions = createOptionsStore({ call: (name, input) => protocolCall(name, input) });
