import { useEffect, useMemo, useRef, useState } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { i18n } from '#i18n';
import type { InterviewSummary } from '../../lib/db/records';
import { routeHash, selectionState, useOptions, type ListSort } from '../../stores/options';
import { useLive } from '../useLive';
import { Field, Input, Options, Select } from '../ui/Field';
import { labelMap } from '../../lib/labels';
import { ExportButtons } from './exports';
import { Button, ConfirmDelete, failed, formatWhen, OutcomeStatus, RatingChip, type Outcome } from './ui';
import { FaultNotice } from '../ui/FaultNotice';

const ROW_HEIGHT = 48;
const COLUMNS = 'grid grid-cols-[2.75rem_minmax(10rem,1.4fr)_minmax(8rem,1.2fr)_11rem_8.5rem_4.5rem_6.5rem] items-center';

const stateLabel = labelMap<InterviewSummary['state']>({ planned: 'options.state.planned', active: 'options.state.active', ended: 'options.state.ended' });

const sortLabel = labelMap<ListSort>({ newest: 'options.list.sortNewest', oldest: 'options.list.sortOldest', candidate: 'options.list.sortCandidate', guide: 'options.list.sortGuide' });
const SORTS: readonly ListSort[] = ['newest', 'oldest', 'candidate', 'guide'];

const STATE_STYLES: Record<InterviewSummary['state'], string> = {
  planned: 'bg-sky-50 text-sky-800 border-sky-200',
  active: 'bg-amber-50 text-amber-900 border-amber-200',
  ended: 'bg-slate-50 text-slate-700 border-slate-200',
};

/** The interview list: search, sort, a virtualised table (thousands of rows), selection, export and delete. */
export function InterviewList() {
  const { query, sort, items, total, loading, error, selected, setQuery, setSort, load, toggle, toggleAllListed, clearSelection, deleteInterviews } =
    useOptions();
  const [draft, setDraft] = useState(query);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [deleteStatus, setDeleteStatus] = useState<Outcome | null>(null);
  const scrollRef = useRef<HTMLDivElement>(null);
  const headerBox = useRef<HTMLInputElement>(null);

  useEffect(() => {
    void load();
  }, [query, sort, load]);

  // Typing is debounced so that a search over thousands of interviews runs once per pause, not per key.
  useEffect(() => {
    const timer = setTimeout(() => setQuery(draft), 200);
    return () => clearTimeout(timer);
  }, [draft, setQuery]);

  const reloadTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const scheduleReload = () => {
    clearTimeout(reloadTimer.current);
    reloadTimer.current = setTimeout(() => void load(), 300);
  };
  useLive((event) => {
    if (event.type === 'interviews-changed') scheduleReload();
  }, scheduleReload);

  const state = selectionState(items, selected);
  useEffect(() => {
    if (headerBox.current) headerBox.current.indeterminate = state === 'some';
  }, [state]);

  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });

  const selectedIds = useMemo(() => [...selected], [selected]);

  const deleteSelected = async () => {
    try {
      const deleted = await deleteInterviews(selectedIds);
      setDeleteStatus({ ok: true, text: i18n.t('options.list.deleted', [deleted]) });
    } catch (e) {
      setDeleteStatus(failed('delete', e));
    }
    setConfirmDelete(false);
  };

  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-end gap-3">
        <Field look="page" id="interview-search" label={i18n.t('options.list.search')} className="min-w-64 flex-1">
          <Input type="search" value={draft} onChange={(e) => setDraft(e.target.value)} placeholder={i18n.t('options.list.searchPlaceholder')} className="px-3" />
        </Field>
        <Field look="page" id="interview-sort" label={i18n.t('options.list.sort')}>
          <Select value={sort} onChange={(e) => setSort(e.target.value as ListSort)}>
            <Options values={SORTS} label={sortLabel} />
          </Select>
        </Field>
      </div>

      <div className="flex flex-wrap items-center justify-between gap-3 rounded-lg border border-slate-200 bg-slate-50 px-3 py-2">
        <p className="text-sm text-slate-700" aria-live="polite" data-testid="list-count">
          {selected.size > 0
            ? i18n.t('options.list.selectedOf', [selected.size, total])
            : i18n.t('options.list.count', [total])}
        </p>
        <div className="flex flex-wrap items-center gap-3">
          {selected.size > 0 ? (
            <>
              <ExportButtons ids={selectedIds} label={i18n.t('options.list.exportSelected')} />
              <ConfirmDelete
                confirming={confirmDelete}
                setConfirming={setConfirmDelete}
                question={i18n.t('options.list.confirmDelete', [selected.size])}
                label={i18n.t('options.list.deleteSelected')}
                onDelete={() => void deleteSelected()}
              />
              <Button tone="ghost" onClick={clearSelection}>
                {i18n.t('options.list.clearSelection')}
              </Button>
            </>
          ) : (
            <ExportButtons label={i18n.t('options.list.exportAll')} disabled={total === 0} />
          )}
        </div>
      </div>
      <OutcomeStatus outcome={deleteStatus} />
      {error && <FaultNotice what={i18n.t('faults.actions.listLoad')} fault={error} className="text-sm text-red-700" />}

      <div
        role="table"
        aria-label={i18n.t('options.list.tableLabel')}
        aria-rowcount={items.length + 1}
        className="overflow-hidden rounded-lg border border-slate-200 bg-white shadow-xs"
      >
        <div role="rowgroup" className="border-b border-slate-200 bg-slate-100 text-xs font-semibold tracking-wide text-slate-600 uppercase">
          <div role="row" aria-rowindex={1} className={`${COLUMNS} h-10`}>
            <div role="columnheader" className="flex justify-center">
              <input
                ref={headerBox}
                type="checkbox"
                aria-label={i18n.t('options.list.selectAll')}
                checked={state === 'all'}
                onChange={toggleAllListed}
                disabled={items.length === 0}
                className="size-4 accent-indigo-600"
              />
            </div>
            <div role="columnheader" className="px-2">{i18n.t('options.list.candidate')}</div>
            <div role="columnheader" className="px-2">{i18n.t('options.list.guide')}</div>
            <div role="columnheader" className="px-2">{i18n.t('options.list.date')}</div>
            <div role="columnheader" className="px-2">{i18n.t('options.list.recommendation')}</div>
            <div role="columnheader" className="px-2 text-right">{i18n.t('options.list.notes')}</div>
            <div role="columnheader" className="px-2">{i18n.t('options.list.state')}</div>
          </div>
        </div>
        <div ref={scrollRef} role="rowgroup" data-testid="interview-rows" className="h-[calc(100vh-20rem)] min-h-72 overflow-auto">
          {/* A rowgroup holds rows only (ARIA): the loading and empty messages are a one-cell row. */}
          {loading ? (
            <div role="row">
              <p role="cell" className="p-6 text-sm text-slate-500">{i18n.t('common.loading')}</p>
            </div>
          ) : items.length === 0 ? (
            <div role="row">
              <p role="cell" className="p-6 text-sm text-slate-600">{query ? i18n.t('options.list.noMatch') : i18n.t('options.list.empty')}</p>
            </div>
          ) : (
            <div style={{ height: virtualizer.getTotalSize() }} className="relative">
              {virtualizer.getVirtualItems().map((row) => {
                const item = items[row.index]!;
                const isSelected = selected.has(item.id);
                return (
                  <div
                    key={item.id}
                    role="row"
                    aria-rowindex={row.index + 2}
                    aria-selected={isSelected}
                    data-testid="interview-row"
                    className={`${COLUMNS} absolute inset-x-0 border-b border-slate-100 text-sm ${isSelected ? 'bg-indigo-50' : 'hover:bg-slate-50'}`}
                    style={{ height: ROW_HEIGHT, transform: `translateY(${row.start}px)` }}
                  >
                    <div role="cell" className="flex justify-center">
                      <input
                        type="checkbox"
                        checked={isSelected}
                        aria-label={i18n.t('options.list.selectOne', [item.candidateName])}
                        onChange={() => undefined}
                        onClick={(e) => toggle(item.id, e.shiftKey)}
                        className="size-4 accent-indigo-600"
                      />
                    </div>
                    <div role="cell" className="truncate px-2">
                      <a href={routeHash({ view: 'interview', id: item.id })} className="font-medium text-indigo-700 hover:underline">
                        {item.candidateName}
                      </a>
                    </div>
                    <div role="cell" className="truncate px-2 text-slate-700" title={item.guideTitle}>
                      {item.guideTitle || item.guideId}
                    </div>
                    <div role="cell" className="px-2 whitespace-nowrap text-slate-700 tabular-nums">
                      {formatWhen(item.startedAt ?? item.createdAt)}
                    </div>
                    <div role="cell" className="px-2">
                      <RatingChip rating={item.recommendation} />
                    </div>
                    <div role="cell" className="px-2 text-right text-slate-700 tabular-nums">
                      {item.noteCount}
                    </div>
                    <div role="cell" className="px-2">
                      <span className={`rounded-full border px-2 py-0.5 text-xs ${STATE_STYLES[item.state]}`}>{stateLabel(item.state)}</span>
                    </div>
                  </div>
                );
              })}
            </div>
          )}
        </div>
      </div>
    </div>
  );
}
