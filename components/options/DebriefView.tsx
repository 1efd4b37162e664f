import { i18n } from '#i18n';
import { RATINGS } from '../../lib/db/records';
import { criteriaMatrix, debriefToMarkdown, raisedRedFlags, type Debrief, type DebriefLabels } from '../../lib/sync/debrief';
import { ratingLabel } from '../ui/rating';
import { useLiveLoad } from '../useLiveLoad';
import { syncStore, useSync } from '../../stores/sync';
import { Button, Card, downloadFile, formatWhen, RatingChip, Table } from './ui';
import { FaultNotice } from '../ui/FaultNotice';

/** Own interviews carry the interviewer's display name when sync is set up, else "You". */
const who = (name: string) => name || i18n.t('debrief.you');

function labels(): DebriefLabels {
  return {
    debrief: i18n.t('debrief.title'),
    roleGuide: i18n.t('debrief.roleGuide'),
    candidateRef: i18n.t('debrief.candidateRef'),
    recommendations: i18n.t('debrief.recommendations'),
    criteria: i18n.t('debrief.criteria'),
    redFlags: i18n.t('debrief.redFlags'),
    noRedFlags: i18n.t('debrief.noRedFlags'),
    summary: i18n.t('debrief.summary'),
    notes: i18n.t('debrief.notes'),
    notRated: i18n.t('options.notRated'),
    interviewer: i18n.t('debrief.interviewer'),
    ratings: Object.fromEntries(RATINGS.map((r) => [r, ratingLabel(r)])) as DebriefLabels['ratings'],
  };
}

function named(debrief: Debrief): Debrief {
  return { ...debrief, entries: debrief.entries.map((e) => ({ ...e, interviewer: who(e.interviewer) })) };
}

function DebriefDetail({ debrief }: { debrief: Debrief }) {
  const view = named(debrief);
  const matrix = criteriaMatrix(view);
  const exportMarkdown = () => {
    const slug = view.candidateName.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'candidate';
    downloadFile(`debrief-${slug}.md`, debriefToMarkdown(view, labels()), 'text/markdown');
  };
  return (
    <div className="flex flex-col gap-4" data-testid="debrief">
      <Card
        title={`${i18n.t('debrief.title')}: ${view.candidateName}`}
        titleId="debrief-title"
        actions={
          <div className="flex gap-2">
            <Button onClick={() => void syncStore.getState().openDebrief(null)}>{i18n.t('debrief.back')}</Button>
            <Button tone="primary" onClick={exportMarkdown}>
              {i18n.t('debrief.exportMarkdown')}
            </Button>
          </div>
        }
      >
        <p className="text-sm text-slate-700">
          {view.guideTitle}
          {view.candidateRef && <span className="block break-all text-slate-600">{view.candidateRef}</span>}
        </p>
        <h3 className="mt-4 mb-2 text-sm font-semibold">{i18n.t('debrief.recommendations')}</h3>
        <ul className="grid gap-2 sm:grid-cols-2 lg:grid-cols-4" data-testid="debrief-scorecards">
          {view.entries.map((entry) => (
            <li key={entry.bundle.interview.id} className="rounded-md border border-slate-200 p-3" data-testid="debrief-scorecard">
              <p className="text-sm font-semibold">{entry.interviewer}</p>
              <p className="text-xs text-slate-600">{formatWhen(entry.bundle.interview.startedAt ?? entry.bundle.interview.createdAt)}</p>
              <div className="mt-1">
                <RatingChip rating={entry.bundle.interview.recommendation} />
              </div>
              {!entry.own && <p className="mt-1 text-xs text-slate-600">{i18n.t('debrief.readOnly')}</p>}
            </li>
          ))}
        </ul>
      </Card>
      {matrix.length > 0 && (
        <Card title={i18n.t('debrief.criteria')} titleId="debrief-criteria">
          <div className="overflow-x-auto">
            <Table caption={i18n.t('debrief.criteria')} columns={[i18n.t('debrief.criterion'), ...view.entries.map((entry) => entry.interviewer)]} pad="pr-4" padLast small={false}>
              {matrix.map((row) => (
                <tr key={row.id} className="border-b border-slate-100 align-top">
                  <th scope="row" className="py-1.5 pr-4 text-left font-normal">{row.text}</th>
                  {row.ratings.map((rating, i) => (
                    <td key={i} className="py-1.5 pr-4">
                      <RatingChip rating={rating} />
                      {row.notes[i] && <p className="mt-1 text-xs whitespace-pre-wrap text-slate-700">{row.notes[i]}</p>}
                    </td>
                  ))}
                </tr>
              ))}
            </Table>
          </div>
        </Card>
      )}
      <Card title={i18n.t('debrief.redFlags')} titleId="debrief-flags" empty={view.entries.every((e) => raisedRedFlags(e).length === 0) && i18n.t('debrief.noRedFlags')}>
        <ul className="list-disc pl-5 text-sm">
          {view.entries.flatMap((entry) =>
            raisedRedFlags(entry).map((flag) => (
              <li key={`${entry.bundle.interview.id}-${flag.id}`}>
                <span className="font-medium">{flag.text}</span> ({entry.interviewer}){flag.note && <span className="block whitespace-pre-wrap text-slate-700">{flag.note}</span>}
              </li>
            )),
          )}
        </ul>
      </Card>
      <div className="grid gap-4 lg:grid-cols-2">
        {view.entries.map((entry) => (
          <Card key={entry.bundle.interview.id} title={entry.interviewer} titleId={`debrief-notes-${entry.bundle.interview.id}`}>
            {entry.bundle.interview.summary && <p className="mb-2 text-sm whitespace-pre-wrap">{entry.bundle.interview.summary}</p>}
            <ul className="flex flex-col gap-1 text-sm">
              {entry.bundle.notes
                .filter((n) => n.text.trim())
                .map((note) => (
                  <li key={note.id} className="whitespace-pre-wrap text-slate-800">
                    {note.text}
                  </li>
                ))}
            </ul>
          </Card>
        ))}
      </div>
    </div>
  );
}

/** The debrief: interviews grouped by candidate, and one candidate's scorecards side by side. */
export function DebriefView() {
  const groups = useSync((s) => s.groups);
  const debrief = useSync((s) => s.debrief);
  const failure = useSync((s) => (s.failure?.what === 'debrief' ? s.failure : null));
  useLiveLoad(
    () => void syncStore.getState().loadGroups(),
    (event) => {
      if (event.type !== 'interviews-changed') return;
      void syncStore.getState().loadGroups();
      const open = syncStore.getState().debrief;
      if (open) void syncStore.getState().openDebrief(open.key);
    },
  );
  if (debrief) return <DebriefDetail debrief={debrief} />;
  return (
    <Card title={i18n.t('debrief.candidates')} titleId="debrief-groups">
      <p className="mb-3 max-w-2xl text-sm text-slate-700">{i18n.t('debrief.intro')}</p>
      {failure && <FaultNotice className="mb-3 text-sm text-red-800" what={i18n.t('faults.actions.debrief')} fault={failure.fault} />}
      {groups === null ? (
        failure ? null : <p className="text-sm text-slate-500">{i18n.t('common.loading')}</p>
      ) : groups.length === 0 ? (
        <p className="text-sm text-slate-600">{i18n.t('debrief.empty')}</p>
      ) : (
        <ul className="divide-y divide-slate-100" data-testid="debrief-groups">
          {groups.map((group) => (
            <li key={group.key} className="flex flex-wrap items-center justify-between gap-2 py-2">
              <div className="min-w-0">
                <p className="font-medium">{group.candidateName}</p>
                <p className="text-xs text-slate-600">
                  {group.guideTitle} · {group.interviewers.map(who).join(', ')}
                </p>
              </div>
              <Button onClick={() => void syncStore.getState().openDebrief(group.key)}>
                {i18n.t('debrief.open', [String(group.count)])}
              </Button>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
