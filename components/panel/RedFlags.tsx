import { i18n } from '#i18n';
import type { InterviewBundle } from '../../lib/db/records';
import type { GuideStage } from '../../lib/guides/schema';
import { keys, setFlagChecked, shown, usePanel } from '../../stores/panel';
import { redFlagsFor } from '../../lib/client/panel-logic';
import { useSuggestions } from '../../stores/suggestions';
import { Section, useShown } from './ui';
import { ItemNote } from './ItemNote';

function Flag({ id, text, scope, bundle }: { id: string; text: string; scope: 'global' | 'stage'; bundle: InterviewBundle }) {
  const row = bundle.redFlagChecks.find((r) => r.redFlagId === id);
  const checked = useShown(keys.flagChecked(id), row?.checked ?? false);
  // A cue from what the candidate said (issue 15): a quiet prompt with the line, never a tick.
  const cue = useSuggestions((s) => s.view?.redFlagCues[id]?.at(-1) ?? null);
  return (
    <li className={`rounded px-1.5 py-1 ${checked ? 'bg-red-50' : ''}`}>
      <label className="flex cursor-pointer items-start gap-2 text-sm leading-snug">
        <input
          type="checkbox"
          checked={checked}
          onChange={(event) => setFlagChecked(id, event.target.checked)}
          className="mt-0.5 h-4 w-4 shrink-0 accent-red-600"
        />
        <span className={checked ? 'font-medium text-red-900' : 'text-slate-800'}>
          {text}
          {scope === 'stage' ? (
            <span className="ml-1.5 rounded bg-slate-100 px-1 text-[10px] font-medium uppercase tracking-wide text-slate-600">{i18n.t('panel.flags.stageOnly')}</span>
          ) : null}
        </span>
      </label>
      {cue && !checked ? (
        <p className="mt-0.5 pl-6 text-xs leading-snug text-amber-900" data-testid="red-flag-cue">
          <span className="font-medium">{i18n.t('suggest.cue')}</span> “<span className="wrap-anywhere">{cue.text}</span>”
        </p>
      ) : null}
      {checked ? (
        <ItemNote kind="redFlag" id={id} text={text} stored={row?.note ?? ''} className="mt-1 pl-6" />
      ) : null}
    </li>
  );
}

/** The red-flag checklist: the guide's global flags and the current stage's own, each with an optional note. */
export function RedFlags({ bundle, stage }: { bundle: InterviewBundle; stage: GuideStage }) {
  const flags = redFlagsFor(bundle.guide, stage);
  const local = usePanel((s) => s.local);
  const ticked = flags.filter(({ item }) =>
    shown({ local }, keys.flagChecked(item.id), bundle.redFlagChecks.find((r) => r.redFlagId === item.id)?.checked ?? false),
  ).length;
  return (
    <Section title={i18n.t('panel.flags.heading')} aside={ticked ? i18n.t('panel.flags.count', [String(ticked)]) : undefined}>
      {flags.length === 0 ? (
        <p className="text-sm text-slate-500">{i18n.t('panel.flags.empty')}</p>
      ) : (
        <ul className="-mx-1.5 space-y-0.5">
          {flags.map(({ item, scope }) => (
            <Flag key={item.id} id={item.id} text={item.text} scope={scope} bundle={bundle} />
          ))}
        </ul>
      )}
    </Section>
  );
}
