import type { InterviewDatabase } from '../db/database';
import { checkServerUrl, SyncConfig, type SyncSetup } from '../sync/config';
import type { SyncDoc } from '../sync/docs';
import { EMPTY_CHECKPOINT, SyncEngine, type SyncCheckpoint } from '../sync/engine';
import { diagnoseSyncError } from '../sync/errors';
import type { PouchDatabase, PouchStatic } from '../sync/pouch-types';
import { OFF_STATUS, type SyncStatus } from '../sync/status';
import type { KeyValueArea } from './tab-registry';

/** Storage keys (extension storage, `local` area). */
const CONFIG_KEY = 'syncConfig';
const CHECKPOINT_KEY = 'syncCheckpoint';
const STATUS_KEY = 'syncStatus';
/** Name of the mirror's IndexedDB database (PouchDB prefixes `_pouch_`). */
export const MIRROR_NAME = 'interview-copilot-sync';
/** While the worker runs, a cycle this often picks up teammates' changes; the alarm restarts it after a stop. */
export const POLL_MS = 3_000;
export const SYNC_ALARM = 'team-sync';
const KICK_DELAY_MS = 400;

export interface SyncServiceDeps {
  db: InterviewDatabase;
  /** Extension storage (`local`): the settings, checkpoint and last status survive worker restarts. */
  area: KeyValueArea & { remove?: (key: string) => Promise<void> };
  Pouch: PouchStatic;
  /** Adapter of the mirror: `idb` in the extension, `memory` in unit tests. */
  mirrorAdapter: string;
  mirrorName?: string;
  now: () => number;
  /** Tells open views the status changed, and which interviews sync changed. */
  onStatus: (status: SyncStatus) => void;
  onInterviewsChanged: (interviewIds: string[]) => void;
  alarms?: { create(name: string, info: { periodInMinutes: number }): unknown; clear(name: string): unknown };
  fetch?: typeof fetch;
}

/** Why `enable` refused the settings. */
export class SyncSetupError extends Error {
  constructor(readonly problem: 'invalid-url' | 'insecure-url' | 'url-has-credentials' | 'missing-password') {
    super(problem);
    this.name = 'SyncSetupError';
  }
}

/**
 * Team sync in the background worker: keeps the settings, runs one cycle at a time (on start, after local
 * changes, every few seconds while the worker lives, and on an alarm after it stopped), and reports a status.
 * Turning sync off cancels the replication in flight, stops the timers, forgets the credentials and removes the
 * mirror, so no further request is made.
 */
export class SyncService {
  private engine: SyncEngine | null = null;
  private mirror: PouchDatabase<SyncDoc> | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private generation = 0;

  constructor(private readonly deps: SyncServiceDeps) {}

  private async config(): Promise<SyncConfig> {
    const stored = (await this.deps.area.get(CONFIG_KEY))[CONFIG_KEY];
    const parsed = SyncConfig.safeParse(stored ?? {});
    return parsed.success ? parsed.data : SyncConfig.parse({});
  }

  async status(): Promise<SyncStatus> {
    const config = await this.config();
    const stored = (await this.deps.area.get(STATUS_KEY))[STATUS_KEY] as Partial<SyncStatus> | undefined;
    const base: SyncStatus = { ...OFF_STATUS, ...(stored ?? {}) };
    return {
      ...base,
      enabled: config.enabled,
      serverUrl: config.serverUrl,
      database: config.database,
      username: config.enabled ? config.username : '',
      displayName: config.displayName,
      state: config.enabled ? (base.state === 'off' ? 'syncing' : base.state) : 'off',
    };
  }

  private async saveStatus(patch: Partial<SyncStatus>): Promise<SyncStatus> {
    const current = (await this.deps.area.get(STATUS_KEY))[STATUS_KEY] as Partial<SyncStatus> | undefined;
    await this.deps.area.set({ [STATUS_KEY]: { ...OFF_STATUS, ...(current ?? {}), ...patch } });
    const status = await this.status();
    this.deps.onStatus(status);
    return status;
  }

  /** Called when the worker starts: resumes sync if it is on. */
  async start(): Promise<void> {
    if ((await this.config()).enabled) this.kick(0);
  }

  /**
   * Turns sync on (or changes its settings) and starts a cycle. A different server, database or user starts
   * from an empty mirror.
   * @throws SyncSetupError for an address that is not HTTPS (or HTTP on this computer).
   */
  async enable(setup: SyncSetup): Promise<SyncStatus> {
    const checked = checkServerUrl(setup.serverUrl);
    if (!checked.ok) {
      throw new SyncSetupError(checked.problem === 'insecure' ? 'insecure-url' : checked.problem === 'has-credentials' ? 'url-has-credentials' : 'invalid-url');
    }
    const before = await this.config();
    const sameTarget = before.serverUrl === checked.url && before.database === setup.database && before.username === setup.username;
    // Changing only the display name (or saving again) while sync is on does not ask for the password again.
    const password = setup.password || (before.enabled && sameTarget ? before.password : '');
    if (!password) throw new SyncSetupError('missing-password');
    const next: SyncConfig = {
      enabled: true,
      serverUrl: checked.url,
      database: setup.database,
      username: setup.username,
      password,
      displayName: setup.displayName || setup.username,
    };
    await this.stop(!sameTarget);
    await this.deps.area.set({ [CONFIG_KEY]: next });
    await this.deps.alarms?.create(SYNC_ALARM, { periodInMinutes: 1 });
    const status = await this.saveStatus({ state: 'syncing', problem: null, detail: '', refused: 0 });
    this.kick(0);
    return status;
  }

  /** Turns sync off: no more requests, credentials forgotten, mirror removed (teammates' interviews stay). */
  async disable(): Promise<SyncStatus> {
    const config = await this.config();
    await this.stop(true);
    await this.deps.area.set({ [CONFIG_KEY]: { ...config, enabled: false, username: '', password: '' } });
    await this.deps.alarms?.clear(SYNC_ALARM);
    return this.saveStatus({ ...OFF_STATUS, lastSyncedAt: null });
  }

  private async stop(forgetMirror: boolean): Promise<void> {
    this.generation++;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.engine?.cancel();
    this.engine = null;
    await this.running?.catch(() => undefined);
    if (forgetMirror) {
      const mirror = this.mirror ?? new this.deps.Pouch<SyncDoc>(this.deps.mirrorName ?? MIRROR_NAME, { adapter: this.deps.mirrorAdapter });
      await mirror.destroy().catch(() => undefined);
      await this.deps.area.set({ [CHECKPOINT_KEY]: EMPTY_CHECKPOINT });
    }
    this.mirror = null;
  }

  /** Runs a cycle soon (coalescing bursts of changes). */
  kick(delayMs = KICK_DELAY_MS): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.runNow();
    }, delayMs);
  }

  /** Runs one cycle now (or once more after the one in flight). @returns the status after it. */
  async runNow(): Promise<SyncStatus> {
    if (this.running) {
      this.again = true;
      await this.running;
      return this.status();
    }
    const generation = this.generation;
    this.running = this.cycle(generation).finally(() => {
      this.running = null;
    });
    await this.running;
    if (this.again && generation === this.generation) {
      this.again = false;
      return this.runNow();
    }
    return this.status();
  }

  private async engineFor(config: SyncConfig): Promise<SyncEngine> {
    if (this.engine) return this.engine;
    const { Pouch, area } = this.deps;
    this.mirror ??= new Pouch<SyncDoc>(this.deps.mirrorName ?? MIRROR_NAME, { adapter: this.deps.mirrorAdapter });
    const remote = new Pouch<SyncDoc>(`${config.serverUrl}/${encodeURIComponent(config.database)}`, {
      skip_setup: true,
      auth: { username: config.username, password: config.password },
      ...(this.deps.fetch ? { fetch: this.deps.fetch } : {}),
    });
    this.engine = new SyncEngine({
      db: this.deps.db,
      local: this.mirror,
      remote,
      replicate: Pouch.replicate.bind(Pouch),
      identity: { owner: config.username, name: config.displayName || config.username },
      loadCheckpoint: async () => ({ ...EMPTY_CHECKPOINT, ...((await area.get(CHECKPOINT_KEY))[CHECKPOINT_KEY] as SyncCheckpoint | undefined) }),
      saveCheckpoint: (checkpoint) => area.set({ [CHECKPOINT_KEY]: checkpoint }),
      now: this.deps.now,
    });
    return this.engine;
  }

  private async cycle(generation: number): Promise<void> {
    const config = await this.config();
    if (!config.enabled) return;
    const engine = await this.engineFor(config);
    await this.saveStatus({ state: 'syncing' });
    try {
      const report = await engine.runOnce();
      if (generation !== this.generation) return;
      if (report.interviewIds.length) this.deps.onInterviewsChanged(report.interviewIds);
      await this.saveStatus({
        state: report.refused.length ? 'error' : 'synced',
        lastSyncedAt: this.deps.now(),
        waiting: await engine.waiting(),
        problem: report.refused.length ? 'refused-documents' : null,
        detail: report.refused.slice(0, 3).map((r) => `${r.id}: ${r.reason}`).join('; '),
        refused: report.refused.length,
      });
    } catch (error) {
      if (generation !== this.generation) return;
      const { problem, detail } = await diagnoseSyncError(error, { ...config, fetch: this.deps.fetch });
      await this.saveStatus({ state: 'error', problem, detail, waiting: await engine.waiting().catch(() => 0) });
    }
    if (generation === this.generation && (await this.config()).enabled) this.schedule();
  }

  private schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.runNow();
    }, POLL_MS);
  }
}
