import { useEffect, useState, type ReactNode } from 'react';
import { i18n } from '#i18n';
import { browser, type Browser } from 'wxt/browser';
import { Platform } from '../../lib/db/records';
import { csvDelimiterFor } from '../../lib/settings';
import { useOptions } from '../../stores/options';
import { useSettings } from '../../stores/settings';
import { platformName } from '../../lib/format';
import { labelMap, type HelpedKey } from '../../lib/labels';
import { Field, Input } from '../ui/Field';
import { Button, Card, failed, OutcomeStatus, Status, Table, type Outcome } from './ui';
import { FaultNotice } from '../ui/FaultNotice';

const DEFAULT_RETENTION_DAYS = 365;

/** The browser's page for changing extension shortcuts, where a page may open it. */
async function openShortcutSettings(): Promise<boolean> {
  if (import.meta.env.FIREFOX) return false;
  try {
    await browser.tabs.create({ url: 'chrome://extensions/shortcuts' });
    return true;
  } catch {
    return false;
  }
}

function Shortcuts() {
  const [commands, setCommands] = useState<Browser.commands.Command[] | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    browser.commands?.getAll().then(setCommands, () => setCommands([]));
  }, []);
  return (
    <Card title={i18n.t('options.settings.shortcuts')} titleId="shortcuts-title">
      {commands === null ? (
        <p className="text-sm text-slate-500">{i18n.t('common.loading')}</p>
      ) : (
        <Table caption={i18n.t('options.settings.shortcuts')} columns={[i18n.t('options.settings.command'), i18n.t('options.settings.keys')]} pad="pr-4" className="mb-3 w-full max-w-xl text-sm">
          {commands
            .filter((c) => c.name !== '_execute_action' && c.name !== '_execute_browser_action')
            .map((c) => (
              <tr key={c.name} className="border-b border-slate-100">
                <td className="py-1.5 pr-4">{c.description || c.name}</td>
                <td className="py-1.5">
                  {c.shortcut ? (
                    <kbd className="rounded border border-slate-300 bg-slate-50 px-1.5 py-0.5 font-mono text-xs">{c.shortcut}</kbd>
                  ) : (
                    <span className="text-slate-500">{i18n.t('options.settings.notSet')}</span>
                  )}
                </td>
              </tr>
            ))}
        </Table>
      )}
      {import.meta.env.FIREFOX ? (
        <p className="text-sm text-slate-600">{i18n.t('options.settings.shortcutsFirefox')}</p>
      ) : (
        <div className="flex flex-col gap-1">
          <div>
            <Button onClick={() => void openShortcutSettings().then((ok) => setFailed(!ok))}>{i18n.t('options.settings.changeShortcuts')}</Button>
          </div>
          <p className="text-sm text-slate-600">{i18n.t('options.settings.shortcutsChrome')}</p>
          {failed && <Status tone="error">{i18n.t('options.settings.shortcutsFailed')}</Status>}
        </div>
      )}
    </Card>
  );
}

/**
 * A fieldset with its legend (the text of `text`) and, under its controls, the help line that describes it (the
 * text of `<text>Help`, with the id `<name>-help`).
 */
function HelpedFieldset({ name, text, children }: { name: string; text: HelpedKey; children: ReactNode }) {
  return (
    <fieldset className="flex flex-col gap-2" aria-describedby={`${name}-help`}>
      <legend className="mb-1 text-sm font-medium text-slate-700">{i18n.t(text)}</legend>
      {children}
      <p id={`${name}-help`} className="text-sm text-slate-600">
        {i18n.t(`${text}Help`)}
      </p>
    </fieldset>
  );
}

/** One choice among `values` as radio buttons named `name`, in a {@link HelpedFieldset}. */
function Choices<T extends string>({ name, text, values, label, value, onChange }: { name: string; text: HelpedKey; values: readonly T[]; label: (value: T) => string; value: T; onChange: (value: T) => void }) {
  return (
    <HelpedFieldset name={name} text={text}>
      {values.map((v) => (
        <label key={v} className="flex items-center gap-2 text-sm">
          <input type="radio" name={name} className="size-4 accent-indigo-600" checked={value === v} onChange={() => onChange(v)} />
          {label(v)}
        </label>
      ))}
    </HelpedFieldset>
  );
}

const sideLabel = labelMap<'left' | 'right'>({ left: 'options.settings.sideLeft', right: 'options.settings.sideRight' });
const delimiterLabel = labelMap<'comma' | 'semicolon'>({ comma: 'options.settings.csvComma', semicolon: 'options.settings.csvSemicolon' });

/** One checkbox per call platform for a per-platform on/off setting (detection on, transcript on start). */
function PlatformChecks({ setting }: { setting: 'enabledPlatforms' | 'transcriptOnStart' }) {
  const values = useSettings((s) => s.settings[setting]);
  const update = useSettings((s) => s.update);
  return Platform.options.map((p) => (
    <label key={p} className="flex items-center gap-2 text-sm">
      <input type="checkbox" className="size-4 accent-indigo-600" checked={values[p]} onChange={(e) => void update({ [setting]: { ...values, [p]: e.target.checked } })} />
      {platformName(p)}
    </label>
  ));
}

/** Settings: platforms, panel side, note offset, shortcuts, retention. Saved through the settings store. */
export function SettingsView() {
  const { settings, update, error, hydrated } = useSettings();
  const [retentionStatus, setRetentionStatus] = useState<Outcome | null>(null);
  const [daysDraft, setDaysDraft] = useState(String(settings.retentionDays ?? DEFAULT_RETENTION_DAYS));
  const [offsetDraft, setOffsetDraft] = useState(String(settings.stampEarlierSeconds));
  useEffect(() => setDaysDraft(String(settings.retentionDays ?? DEFAULT_RETENTION_DAYS)), [settings.retentionDays]);
  useEffect(() => setOffsetDraft(String(settings.stampEarlierSeconds)), [settings.stampEarlierSeconds]);

  if (!hydrated) return <p className="text-sm text-slate-500">{i18n.t('common.loading')}</p>;

  const saveInt = (value: string, apply: (n: number) => Promise<void>) => {
    const n = Number(value);
    if (value.trim() !== '' && Number.isInteger(n)) void apply(n);
  };
  const applyRetention = async () => {
    try {
      const deleted = await useOptions.getState().applyRetention();
      setRetentionStatus({ ok: true, text: i18n.t('options.settings.retentionApplied', [deleted]) });
    } catch (e) {
      setRetentionStatus(failed('retention', e));
    }
  };

  return (
    <div className="flex flex-col gap-4">
      {error && <FaultNotice what={i18n.t('faults.actions.settingsSave')} fault={error} className="text-sm text-red-700" />}
      <Card title={i18n.t('options.settings.platforms')} titleId="platforms-title">
        <fieldset className="flex flex-col gap-2">
          <legend className="mb-1 text-sm text-slate-600">{i18n.t('options.settings.platformsHelp')}</legend>
          <PlatformChecks setting="enabledPlatforms" />
        </fieldset>
      </Card>

      <Card title={i18n.t('transcript.settings.heading')} titleId="transcript-settings-title">
        <fieldset className="flex flex-col gap-2" data-testid="transcript-settings">
          <legend className="mb-1 text-sm text-slate-600">{i18n.t('transcript.settings.help')}</legend>
          <PlatformChecks setting="transcriptOnStart" />
        </fieldset>
        <label className="mt-3 flex items-center gap-2 text-sm">
          <input
            type="checkbox"
            className="size-4 accent-indigo-600"
            checked={settings.exportTranscript}
            onChange={(e) => void update({ exportTranscript: e.target.checked })}
            data-testid="export-transcript"
          />
          {i18n.t('transcript.settings.export')}
        </label>
      </Card>

      <Card title={i18n.t('options.settings.panel')} titleId="panel-title">
        <div className="flex flex-col gap-4">
          <Choices name="panel-side" text="options.settings.panelSide" values={['left', 'right']} label={sideLabel} value={settings.panelSide} onChange={(panelSide) => void update({ panelSide })} />
          <HelpedFieldset name="panel-mode" text="options.settings.panelMode">
            {Platform.options.map((p) => (
              <div key={p} role="radiogroup" aria-label={platformName(p)} className="flex flex-wrap items-center gap-x-4 gap-y-1 text-sm" data-testid={`panel-mode-${p}`}>
                <span className="w-36 text-slate-800">{platformName(p)}</span>
                {(['overlay', 'sidepanel'] as const).map((mode) => (
                  <label key={mode} className="flex items-center gap-2">
                    <input
                      type="radio"
                      name={`panel-mode-${p}`}
                      className="size-4 accent-indigo-600"
                      checked={settings.panelMode[p] === mode}
                      onChange={() => void update({ panelMode: { ...settings.panelMode, [p]: mode } })}
                    />
                    {mode === 'overlay' ? i18n.t('options.settings.modeOverlay') : i18n.t('options.settings.modeSidepanel')}
                  </label>
                ))}
              </div>
            ))}
          </HelpedFieldset>
          <Field look="page" id="stamp-earlier" label={i18n.t('options.settings.stampEarlier')} hint={i18n.t('options.settings.stampEarlierHelp')}>
            <div className="flex items-center gap-2">
              <Input
                type="number"
                min={0}
                max={120}
                value={offsetDraft}
                onChange={(e) => setOffsetDraft(e.target.value)}
                onBlur={() => saveInt(offsetDraft, (n) => update({ stampEarlierSeconds: n }))}
                className="w-24"
              />
              <span className="text-sm text-slate-600">{i18n.t('options.settings.seconds')}</span>
            </div>
          </Field>
        </div>
      </Card>

      <Card title={i18n.t('options.settings.csv')} titleId="csv-title">
        <Choices
          name="csv-delimiter"
          text="options.settings.csvDelimiter"
          values={['comma', 'semicolon']}
          label={delimiterLabel}
          value={csvDelimiterFor(settings.csvDelimiter, browser.i18n.getUILanguage())}
          onChange={(csvDelimiter) => void update({ csvDelimiter })}
        />
      </Card>

      <Shortcuts />

      <Card title={i18n.t('options.settings.retention')} titleId="retention-title">
        <div className="flex flex-col gap-3">
          <label className="flex items-center gap-2 text-sm">
            <input
              type="checkbox"
              className="size-4 accent-indigo-600"
              checked={settings.retentionDays !== null}
              onChange={(e) => void update({ retentionDays: e.target.checked ? Number(daysDraft) || DEFAULT_RETENTION_DAYS : null })}
            />
            {i18n.t('options.settings.retentionEnable')}
          </label>
          <Field look="page" inline id="retention-days" label={i18n.t('options.settings.retentionDays')}>
            <Input
              type="number"
              min={1}
              max={3650}
              disabled={settings.retentionDays === null}
              value={daysDraft}
              onChange={(e) => setDaysDraft(e.target.value)}
              onBlur={() => saveInt(daysDraft, (n) => update({ retentionDays: n }))}
              className="w-24"
            />
          </Field>
          <p className="text-sm text-slate-600">{i18n.t('options.settings.retentionHelp')}</p>
          {settings.retentionDays !== null && (
            <div>
              <Button onClick={() => void applyRetention()}>{i18n.t('options.settings.retentionNow')}</Button>
            </div>
          )}
          <OutcomeStatus outcome={retentionStatus} />
        </div>
      </Card>
    </div>
  );
}
