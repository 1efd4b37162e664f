import { Guide } from '../../../lib/guides/schema';
import { InterviewDatabase } from '../../../lib/db/database';
import { InterviewRepository } from '../../../lib/db/repository';
import { createHandlers, mapHandlerError } from '../../../lib/background/handlers';
import { SuggestService } from '../../../lib/background/suggest-service';
import type { BackgroundServices, ContentCommand } from '../../../lib/background/services';
import { TabRegistry, type KeyValueArea } from '../../../lib/background/tab-registry';
import type { LiveEvent } from '../../../lib/protocol/protocol';
import { DEFAULT_SETTINGS, type Settings } from '../../../lib/settings';

/** A small guide for tests: two stages, three questions, look-fors and red flags. */
export const TEST_GUIDE: Guide = Guide.parse({
  schemaVersion: 1,
  id: 'test-guide',
  title: 'Test Engineer',
  locale: 'en',
  summary: 'A guide for tests.',
  skills: ['Testing'],
  criteria: [
    { id: 'clarity', text: 'Explains clearly' },
    { id: 'depth', text: 'Goes deep' },
  ],
  stages: [
    {
      id: 'screen',
      title: 'Screen',
      durationMinutes: 30,
      description: 'First call.',
      questions: [
        { id: 'q-intro', text: 'Tell me about yourself', followUps: ['Why now?'], core: true },
        { id: 'q-design', text: 'Design a queue', followUps: [], core: false },
      ],
      redFlags: [{ id: 'rf-blame', text: 'Blames others' }],
    },
    { id: 'onsite', title: 'Onsite', durationMinutes: 60, description: '', questions: [{ id: 'q-code', text: 'Write code', followUps: [], core: true }], redFlags: [] },
  ],
  tips: [],
  redFlags: [{ id: 'rf-late', text: 'Arrives late without notice' }],
});

function memoryArea(): KeyValueArea {
  const map = new Map<string, unknown>();
  return {
    get: async (key) => ({ [key]: map.get(key) }),
    set: async (items) => {
      for (const [k, v] of Object.entries(items)) map.set(k, structuredClone(v));
    },
  };
}

let counter = 0;

/** Background services over a fresh fake-indexeddb database, with a controllable clock and recorded events. */
export function makeServices(
  options: { settings?: Partial<Settings>; session?: KeyValueArea; uiLanguage?: string; bundledGuides?: Guide[]; suggest?: boolean; db?: InterviewDatabase } = {},
) {
  let clock = 1_700_000_000_000;
  const events: LiveEvent[] = [];
  const commands: { tabId: number; command: ContentCommand }[] = [];
  /** What the handlers asked of the transcript reader, in order. */
  const readerCalls: { tabId: number; action: 'ensure' | 'stop' | 'captions-on' }[] = [];
  /** Tabs asked to report their call state again (`content.recheck`), in order. */
  const rechecked: number[] = [];
  const db = options.db ?? new InterviewDatabase(`test-${++counter}-${Math.random().toString(36).slice(2)}`);
  let ids = 0;
  let settings: Settings = { ...DEFAULT_SETTINGS, ...options.settings };
  const services: BackgroundServices = {
    repo: new InterviewRepository(db, { now: () => clock, newId: () => `id-${++ids}` }),
    tabs: new TabRegistry(options.session ?? memoryArea(), memoryArea(), () => clock),
    live: { broadcast: (event) => void events.push(event) },
    bundledGuides: options.bundledGuides ?? [TEST_GUIDE],
    settings: async () => settings,
    saveSettings: async (value) => void (settings = value),
    sendToContent: async (tabId, command) => {
      commands.push({ tabId, command });
      return true;
    },
    storageInfo: async () => ({ usageBytes: 1, quotaBytes: 2, persisted: true }),
    transcriptReader: {
      ensure: async (tabId) => (readerCalls.push({ tabId, action: 'ensure' }), true),
      stop: async (tabId) => void readerCalls.push({ tabId, action: 'stop' }),
      captionsOn: async (tabId) => (readerCalls.push({ tabId, action: 'captions-on' }), true),
    },
    recheckTab: async (tabId) => (rechecked.push(tabId), true),
    callPageLabels: () => ({ frameTitle: 'Interview panel', gripLabel: 'Drag to move' }),
    uiLanguage: () => options.uiLanguage ?? 'en-US',
    now: () => clock,
  };
  if (options.suggest) {
    services.suggest = new SuggestService({ repo: services.repo, broadcast: services.live.broadcast, rebuildDelayMs: 0 });
  }
  return {
    services,
    handlers: createHandlers(services),
    db,
    events,
    commands,
    readerCalls,
    rechecked,
    advance(ms: number) {
      clock += ms;
    },
    get now() {
      return clock;
    },
  };
}

export const ENV = { runtimeId: 'self-id', extensionOrigin: 'chrome-extension://self-id', mapError: mapHandlerError };
export const panelSender = (tabId = 7) => ({ id: 'self-id', url: 'chrome-extension://self-id/panel.html', tab: { id: tabId }, frameId: 3 });
export const popupSender = { id: 'self-id', url: 'chrome-extension://self-id/popup.html' };
export const meetContentSender = (tabId = 7) => ({ id: 'self-id', url: 'https://meet.google.com/abc-defg-hij', tab: { id: tabId, url: 'https://meet.google.com/abc-defg-hij' }, frameId: 0 });
