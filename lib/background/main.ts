import { browser, type Browser } from 'wxt/browser';
import { i18n } from '#i18n';
import { InterviewDatabase } from '../db/database';
import { DatabaseReopener } from '../db/reopen';
import { InterviewRepository } from '../db/repository';
import { BUNDLED_GUIDES } from '../guides/bundled';
import { contentMessenger } from '../protocol/content-protocol';
import { LIVE_PORT } from '../protocol/protocol';
import { adapterForUrl } from '../platforms/registry';
import { readSettings, settingsItem, watchSettings, type Settings } from '../settings';
import { sidePanelChosen } from '../panel-mode';
import { openSidePanel } from '../client/side-panel';
import { createHandlers, mapHandlerError } from './handlers';
import { endAbandonedWrapUps } from './handlers/calls';
import { LiveHub, type PortLike } from './live-hub';
import { replayJournal } from './journal-replay';
import { createTranscriptInjector } from './transcript-injector';
import { reinjectCallTabs, watchCallTabLoads } from './inject';
import { dispatch, registerHandlers } from './router';
import type { BackgroundServices, ContentCommand } from './services';
import { TabRegistry, type KeyValueArea } from './tab-registry';
import { SYNC_ALARM, SyncService } from './sync-service';
import { SuggestService } from './suggest-service';
import { PouchDB } from '../sync/pouch';

const RETENTION_ALARM = 'retention';

function area(storageArea: Browser.storage.StorageArea | undefined): KeyValueArea {
  const memory = new Map<string, unknown>();
  return {
    get: async (key) => (storageArea ? await storageArea.get(key) : { [key]: memory.get(key) }),
    set: async (items) => {
      if (storageArea) await storageArea.set(items);
      else for (const [k, v] of Object.entries(items)) memory.set(k, v);
    },
  };
}

/** Sends a command to a tab's top-frame content script. @returns false when no content script answered. */
async function sendToContent(tabId: number, command: ContentCommand): Promise<boolean> {
  try {
    await contentMessenger.sendMessage('content.command', { command }, { tabId, frameId: 0 });
    return true;
  } catch {
    return false;
  }
}

/** Asks a tab's top-frame content script to report again (`content.recheck`). @returns false when nothing answered. */
async function recheckTab(tabId: number): Promise<boolean> {
  try {
    await contentMessenger.sendMessage('content.recheck', undefined, { tabId, frameId: 0 });
    return true;
  } catch {
    return false;
  }
}

/** Wires the background: database, handlers, live updates, commands, alarms. Called once per worker start. */
export function startBackground(): BackgroundServices {
  const runtimeId = browser.runtime.id;
  const extensionOrigin = new URL(browser.runtime.getURL('/')).origin;
  const now = () => Date.now();
  const db = new InterviewDatabase();
  const live = new LiveHub(runtimeId, extensionOrigin);
  const sync = new SyncService({
    db,
    area: area(browser.storage.local),
    Pouch: PouchDB,
    mirrorAdapter: 'idb',
    now,
    onStatus: (status) => live.broadcast({ type: 'sync-status', status }),
    onInterviewsChanged: (ids) => {
      for (const interviewId of ids) live.broadcast({ type: 'interview-changed', interviewId });
      live.broadcast({ type: 'interviews-changed' });
    },
    alarms: browser.alarms,
  });
  // Every change a view makes is announced on the live hub: team sync sends it soon after (when sync is on).
  const views = {
    broadcast: (event: Parameters<LiveHub['broadcast']>[0]) => {
      live.broadcast(event);
      if (event.type === 'interview-changed' || event.type === 'guides-changed') sync.kick();
    },
  };
  const repo = new InterviewRepository(db, { now, newId: () => crypto.randomUUID() });
  const suggest = new SuggestService({ repo, broadcast: (event) => views.broadcast(event) });
  const services: BackgroundServices = {
    repo,
    tabs: new TabRegistry(area(browser.storage.session), area(browser.storage.local), now),
    live: views,
    bundledGuides: BUNDLED_GUIDES,
    settings: readSettings,
    saveSettings: (settings) => settingsItem.setValue(settings),
    sendToContent,
    recheckTab,
    storageInfo: async () => {
      const estimate = await navigator.storage?.estimate?.().catch(() => null);
      const persisted = await navigator.storage?.persisted?.().catch(() => null);
      return { usageBytes: estimate?.usage ?? null, quotaBytes: estimate?.quota ?? null, persisted: persisted ?? null };
    },
    callPageLabels: () => ({ frameTitle: i18n.t('content.frameTitle'), gripLabel: i18n.t('content.gripLabel') }),
    uiLanguage: () => browser.i18n.getUILanguage(),
    transcriptReader: createTranscriptInjector(),
    now,
    sync,
    suggest,
  };

  const handlers = createHandlers(services);
  // A full disk can close the database for good (every later call: DatabaseClosedError): reopen it with backoff.
  const reopener = new DatabaseReopener(db, { onReopened: () => live.broadcast({ type: 'interviews-changed' }) });
  const mapError = (error: unknown) => {
    reopener.notice(error);
    return mapHandlerError(error);
  };
  const env = { runtimeId, extensionOrigin, mapError };
  registerHandlers(handlers, env);

  // Writes typed just before a reload or update reach the database now (see lib/client/journal.ts).
  const self = { id: runtimeId, url: `${extensionOrigin}/panel.html` };
  void replayJournal(browser.storage.local, (name, input) => dispatch(name, input, self, handlers, env), now).then(
    (applied) => applied && live.broadcast({ type: 'interviews-changed' }),
  );

  browser.runtime.onConnect.addListener((port) => {
    if (port.name !== LIVE_PORT) return;
    if (!live.accept(port as unknown as PortLike)) port.disconnect();
  });

  // A call tab gets the call-detection script once the browser says the page finished loading (after its `load`
  // event): nothing of ours is in a call page before that (issue 12, item 5).
  watchCallTabLoads();

  browser.tabs.onRemoved.addListener((tabId) => {
    void services.tabs.remove(tabId).then((had) => had && live.broadcast({ type: 'tab-changed', tabId }));
  });

  // Kept in memory so a command handler can decide synchronously: opening the side panel needs the user's
  // gesture, which does not survive an `await`.
  let settingsNow: Settings | null = null;
  void services.settings().then((value) => (settingsNow ??= value));
  watchSettings((value) => (settingsNow = value));

  browser.commands?.onCommand.addListener((command, commandTab) => {
    const at = now();
    const platform = commandTab?.url ? adapterForUrl(commandTab.url)?.platform : undefined;
    const sidePanelMode = (value: Settings | null) => platform !== undefined && sidePanelChosen(value, platform);
    // In side-panel mode both shortcuts open the side panel, never the overlay (the screen may be shared).
    if (sidePanelMode(settingsNow) && commandTab?.id !== undefined) void openSidePanel(commandTab.id);
    void browser.tabs.query({ active: true, currentWindow: true }).then(async ([tab]) => {
      if (tab?.id === undefined) return;
      const sidePanel = sidePanelMode(settingsNow ?? (await services.settings()));
      if (command === 'toggle-panel' && !sidePanel) await sendToContent(tab.id, 'toggle');
      if (command === 'add-timestamped-note') {
        live.broadcast({ type: 'panel-command', tabId: tab.id, command: 'add-note', at });
        if (!sidePanel) await sendToContent(tab.id, 'add-note');
      }
    });
  });

  // Team sync resumes from its checkpoint when the worker starts, and the alarm restarts it after a stop.
  void sync.start();
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === SYNC_ALARM) void sync.runNow();
  });

  // Daily housekeeping: interviews whose wrap-up waited too long are ended as they were left, then retention.
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name !== RETENTION_ALARM) return;
    void (async () => {
      const ended = await endAbandonedWrapUps(services);
      const { retentionDays } = await services.settings();
      const deleted = retentionDays === null ? 0 : await services.repo.applyRetention(retentionDays);
      if (ended.length || deleted) live.broadcast({ type: 'interviews-changed' });
    })();
  });
  void browser.alarms.get(RETENTION_ALARM).then((existing) => {
    if (!existing) void browser.alarms.create(RETENTION_ALARM, { periodInMinutes: 24 * 60, delayInMinutes: 1 });
  });

  // After an install, update or reload the call tabs' scripts are orphans (or absent): bring them back. Enabling a
  // disabled extension fires no install event, and a worker may start after its tabs' scripts died, so every
  // background start also re-injects into call tabs whose script does not answer (live scripts are left alone).
  browser.runtime.onInstalled.addListener(() => void reinjectCallTabs());
  void reinjectCallTabs();

  return services;
}
