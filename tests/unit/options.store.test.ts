import { describe, expect, it } from 'vitest';
import type { InterviewSummary } from '../../lib/db/records';
import { createBackup, EN_LABELS, parseBackup, serializeBackup } from '../../lib/export';
import { makeSyntheticBundles } from '../../lib/export/fixtures';
import {
  fetchAllSummaries,
  parseRoute,
  routeHash,
  selectionState,
  selectRange,
  toggleAll,
  toggleId,
  createOptionsStore,
  EXPORT_BATCH,
  type ListFetcher,
  type OptionsRoute,
} from '../../stores/options';
import { buildExport, bundlesFromBackup } from '../../lib/export/build';
import type { ProtocolCaller } from '../../lib/protocol/client';
import { duplicateGuide } from '../../components/options/GuidesView';
import { TEST_GUIDE } from './support/services';

const rows = (...ids: string[]) => ids.map((id) => ({ id }));

/** An options store whose `interviews.list` answers come from `fetchers`, one per call; `other` answers the rest. */
function storeListing(fetchers: ListFetcher[], other: (name: string, input: unknown) => Promise<unknown> = async (name) => {
  throw new Error(`unexpected ${name}`);
}) {
  const call = (async (name: string, input: never) => (name === 'interviews.list' ? fetchers.shift()!(input) : other(name, input))) as ProtocolCaller;
  return createOptionsStore({ call });
}

describe('options routes', () => {
  it('reads every view from the hash, and the empty or unknown hash is the list', () => {
    expect(parseRoute('')).toEqual({ view: 'interviews' });
    expect(parseRoute('#/nowhere')).toEqual({ view: 'interviews' });
    expect(parseRoute('#/interviews')).toEqual({ view: 'interviews' });
    expect(parseRoute('#/interviews/abc-123')).toEqual({ view: 'interview', id: 'abc-123' });
    expect(parseRoute('#/guides')).toEqual({ view: 'guides' });
    expect(parseRoute('#/guides/backend-engineer')).toEqual({ view: 'guides', id: 'backend-engineer' });
    expect(parseRoute('#/import')).toEqual({ view: 'import' });
    expect(parseRoute('#/settings')).toEqual({ view: 'settings' });
    expect(parseRoute('#data')).toEqual({ view: 'data' });
  });

  it('writes hashes that read back as the same route, ids with odd characters included', () => {
    const routes: OptionsRoute[] = [
      { view: 'interviews' },
      { view: 'interview', id: 'a/b c%d' },
      { view: 'guides' },
      { view: 'guides', id: 'g-1' },
      { view: 'import' },
      { view: 'settings' },
      { view: 'data' },
    ];
    for (const route of routes) expect(parseRoute(routeHash(route))).toEqual(route);
    expect(routeHash({ view: 'interview', id: 'x1' })).toBe('#/interviews/x1');
    expect(parseRoute('#/interviews/%E0%A4%A')).toEqual({ view: 'interview', id: '%E0%A4%A' });
  });
});

describe('interview selection', () => {
  it('tells none, some and all apart for the header checkbox', () => {
    const items = rows('a', 'b', 'c');
    expect(selectionState(items, new Set())).toBe('none');
    expect(selectionState(items, new Set(['z']))).toBe('none');
    expect(selectionState(items, new Set(['a']))).toBe('some');
    expect(selectionState(items, new Set(['a', 'b', 'c']))).toBe('all');
    expect(selectionState([], new Set(['a']))).toBe('none');
  });

  it('toggles one, all listed (keeping ids from another search), and a shift-click range', () => {
    const items = rows('a', 'b', 'c', 'd');
    expect([...toggleId(new Set(['a']), 'a')]).toEqual([]);
    expect([...toggleId(new Set(['a']), 'b')].sort()).toEqual(['a', 'b']);
    expect([...toggleAll(items, new Set(['x', 'b']))].sort()).toEqual(['a', 'b', 'c', 'd', 'x']);
    expect([...toggleAll(items, new Set(['a', 'b', 'c', 'd', 'x']))]).toEqual(['x']);
    expect([...selectRange(items, new Set(), 'd', 'b')].sort()).toEqual(['b', 'c', 'd']);
    expect([...selectRange(items, new Set(['a']), 'gone', 'c')].sort()).toEqual(['a', 'c']);
  });

  it('the store selects with shift for a range and forgets deleted interviews', () => {
    const items = rows('a', 'b', 'c', 'd') as InterviewSummary[];
    const useInterviewList = storeListing([]);
    useInterviewList.setState({ items, total: 4, selected: new Set(), anchor: null });
    const store = useInterviewList.getState();
    store.toggle('a');
    useInterviewList.getState().toggle('c', true);
    expect([...useInterviewList.getState().selected].sort()).toEqual(['a', 'b', 'c']);
    useInterviewList.getState().forget(['b', 'zz']);
    const after = useInterviewList.getState();
    expect([...after.selected].sort()).toEqual(['a', 'c']);
    expect(after.items.map((i) => i.id)).toEqual(['a', 'c', 'd']);
    expect(after.total).toBe(3);
  });
});

describe('loading the list', () => {
  const summaries = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `i${i}` }) as InterviewSummary);

  it('reads every page until the total is reached, passing query and sort', async () => {
    const all = summaries(25);
    const calls: unknown[] = [];
    const fetch: ListFetcher = async (input) => {
      calls.push(input);
      const offset = input.offset ?? 0;
      return { total: all.length, items: all.slice(offset, offset + 10) };
    };
    const result = await fetchAllSummaries(fetch, 'rossi', 'candidate');
    expect(result.items.map((i) => i.id)).toEqual(all.map((i) => i.id));
    expect(calls).toHaveLength(3);
    expect(calls[0]).toMatchObject({ query: 'rossi', sort: 'candidate', offset: 0 });
    expect(calls[2]).toMatchObject({ offset: 20 });
  });

  it('stops when a page comes back empty (rows deleted meanwhile) instead of looping', async () => {
    const fetch: ListFetcher = async () => ({ total: 5, items: [] });
    expect(await fetchAllSummaries(fetch, '', 'newest')).toEqual({ total: 5, items: [] });
  });

  it('drops the answer of a stale request when a newer search finished first', async () => {
    let release: (() => void) | undefined;
    const slow: ListFetcher = () =>
      new Promise((resolve) => {
        release = () => resolve({ total: 1, items: summaries(1).map((s) => ({ ...s, id: 'stale' })) });
      });
    const fast: ListFetcher = async () => ({ total: 1, items: [{ id: 'fresh' } as InterviewSummary] });
    const useInterviewList = storeListing([slow, fast]);
    const first = useInterviewList.getState().load();
    await useInterviewList.getState().load();
    release!();
    await first;
    expect(useInterviewList.getState().items.map((i) => i.id)).toEqual(['fresh']);
    expect(useInterviewList.getState().loading).toBe(false);
  });

  it('keeps the error text when the background fails', async () => {
    const useInterviewList = storeListing([
      async () => {
        throw new Error('storage-blocked');
      },
    ]);
    await useInterviewList.getState().load();
    expect(useInterviewList.getState().error).toEqual({ details: 'storage-blocked', issues: [] });
  });
});

describe('the options store’s background actions', () => {
  it('deleting interviews forgets them in the list and the selection; wiping clears the selection', async () => {
    const sent: { name: string; input: unknown }[] = [];
    const store = storeListing([], async (name, input) => {
      sent.push({ name, input });
      return { deleted: name === 'data.wipe' ? 9 : 1 };
    });
    store.setState({ items: rows('a', 'b') as InterviewSummary[], total: 2, selected: new Set(['a', 'b']) });
    expect(await store.getState().deleteInterviews(['a'])).toBe(1);
    expect(store.getState().items.map((i) => i.id)).toEqual(['b']);
    expect([...store.getState().selected]).toEqual(['b']);
    expect(await store.getState().wipeAll()).toBe(9);
    expect(store.getState().selected.size).toBe(0);
    expect(sent).toEqual([
      { name: 'interviews.delete', input: { ids: ['a'] } },
      { name: 'data.wipe', input: { confirm: 'DELETE' } },
    ]);
  });

  it('reads a full backup in batches of EXPORT_BATCH, with the custom guides in the first batch only', async () => {
    const ids = Array.from({ length: EXPORT_BATCH + 1 }, (_, i) => `i${i}`);
    const asked: { ids: string[]; allGuides: boolean }[] = [];
    const store = storeListing([async () => ({ total: ids.length, items: ids.map((id) => ({ id }) as InterviewSummary) })], async (name, input) => {
      expect(name).toBe('data.export');
      asked.push(input as { ids: string[]; allGuides: boolean });
      return createBackup([], [], Date.UTC(2026, 10, 29, 12));
    });
    await store.getState().fetchBackup();
    expect(asked.map((a) => [a.ids.length, a.allGuides])).toEqual([
      [EXPORT_BATCH, true],
      [1, false],
    ]);
  });
});

describe('exports from the options page', () => {
  const bundles = makeSyntheticBundles(3, 4);
  const backup = createBackup(bundles, [], Date.UTC(2026, 10, 29, 12));

  it('rebuilds the same bundles from a backup, through its JSON text', () => {
    const parsed = parseBackup(serializeBackup(backup));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(bundlesFromBackup(parsed.backup)).toEqual(bundles);
  });

  it('names one interview after its candidate and several after the content and date', () => {
    const day = new Date(2026, 10, 29, 12);
    const one = createBackup([bundles[0]!], [], day.getTime());
    const slug = bundles[0]!.interview.candidateName.toLowerCase().replace(' ', '-');
    expect(buildExport('md', one, EN_LABELS, day).filename).toBe(`scorecard-${slug}-2026-11-29.md`);
    expect(buildExport('json', backup, EN_LABELS, day).filename).toBe('interviews-2026-11-29.json');
    const csv = buildExport('csv', backup, EN_LABELS, day);
    expect(csv.filename).toBe('interviews-2026-11-29.csv');
    expect(csv.mime).toMatch(/^text\/csv/);
  });

  it('writes one Markdown scorecard per interview, a CSV row per note, and the backup itself as JSON', () => {
    const day = new Date(2026, 10, 29);
    const md = buildExport('md', backup, EN_LABELS, day).text;
    expect(md.match(/^# Scorecard: /gm)).toHaveLength(3);
    const csv = buildExport('csv', backup, EN_LABELS, day).text;
    expect(csv.split('\r\n').filter((l) => l.includes(',note,'))).toHaveLength(12);
    const semicolons = buildExport('csv', backup, EN_LABELS, day, { delimiter: ';' }).text;
    expect(semicolons.startsWith('\uFEFFinterview_id;candidate;')).toBe(true);
    expect(semicolons.split('\r\n').filter((l) => l.includes(';note;'))).toHaveLength(12);
    const json = buildExport('json', backup, EN_LABELS, day).text;
    expect(JSON.parse(json)).toEqual(JSON.parse(JSON.stringify(backup)));
  });
});

describe('duplicating a guide', () => {
  it('gives the copy a new id that no guide has, and a new title, without touching the original', () => {
    const copy = duplicateGuide(TEST_GUIDE, ['test-guide', 'test-guide-copy'], 'Test Engineer (copy)');
    expect(copy.id).toBe('test-guide-copy-2');
    expect(copy.title).toBe('Test Engineer (copy)');
    expect(copy.stages).toEqual(TEST_GUIDE.stages);
    expect(copy.stages).not.toBe(TEST_GUIDE.stages);
    expect(TEST_GUIDE.id).toBe('test-guide');
  });
});
