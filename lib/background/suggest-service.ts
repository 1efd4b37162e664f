import type { UtteranceRow } from '../db/records';
import type { InterviewRepository } from '../db/repository';
import type { LiveEvent } from '../protocol/protocol';
import { feed, replayInterview, type AutoAsked, type LiveSuggestions, type SuggestView } from '../suggest/live';

/** Wait after a note, a manual mark or a stage switch before rebuilding the suggestions (ms): typing saves often. */
export const SUGGEST_REBUILD_DELAY_MS = 400;

/** What the service needs of the background. */
export interface SuggestServiceDeps {
  repo: Pick<InterviewRepository, 'getBundle' | 'autoMarkAsked' | 'undoAutoAsked'>;
  broadcast: (event: LiveEvent) => void;
  /** Defaults to `SUGGEST_REBUILD_DELAY_MS`; tests pass 0. */
  rebuildDelayMs?: number;
}

/**
 * The live suggestions of each open interview (issue 15), run in the background: never in the call page. A final
 * transcript line is matched as it is stored; notes, manual marks, the interviewer's speaker and stage switches
 * rebuild the engine from storage (the engine is deterministic, so a rebuilt one says the same). Automatic
 * "asked" marks are stored on the question states; everything else is pushed to views as a `suggestions` event.
 * Work for one interview runs one step at a time, in order.
 */
export class SuggestService {
  private readonly live = new Map<string, LiveSuggestions>();
  private readonly chains = new Map<string, Promise<unknown>>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(private readonly deps: SuggestServiceDeps) {}

  /** The interview's suggestions now (built from storage when needed); null when it has none (shared, no stage). */
  view(interviewId: string): Promise<SuggestView | null> {
    return this.serial(interviewId, async () => (await this.ensure(interviewId))?.view ?? null);
  }

  /** A transcript line was stored or changed: a final line is matched once. */
  heard(interviewId: string, row: UtteranceRow): Promise<void> {
    if (!row.final) return Promise.resolve();
    return this.serial(interviewId, async () => {
      const cached = this.live.get(interviewId);
      if (!cached) {
        // Rebuilding from storage hears this line too (it is stored already).
        await this.ensure(interviewId, true);
        return;
      }
      if (cached.heardIds.has(row.id)) return;
      await this.store(interviewId, cached.view.stageId, feed(cached, { kind: 'line', row }));
      this.publish(cached.view);
    });
  }

  /**
   * Something the suggestions depend on changed (a note, a manual mark, the stage, the interviewer's speaker, a
   * deleted line): the engine is dropped at once, and rebuilt and announced shortly after.
   */
  changed(interviewId: string): void {
    this.live.delete(interviewId);
    clearTimeout(this.timers.get(interviewId));
    this.timers.set(
      interviewId,
      setTimeout(() => {
        this.timers.delete(interviewId);
        void this.serial(interviewId, () => this.ensure(interviewId, true));
      }, this.deps.rebuildDelayMs ?? SUGGEST_REBUILD_DELAY_MS),
    );
  }

  /**
   * Undoes the automatic "asked" mark of a question: unasked again, never marked automatically again.
   * @returns whether there was an automatic mark to undo.
   */
  undo(interviewId: string, questionId: string): Promise<boolean> {
    return this.serial(interviewId, async () => {
      const row = await this.deps.repo.undoAutoAsked(interviewId, questionId);
      const cached = this.live.get(interviewId);
      if (cached) {
        cached.engine.undo(questionId);
        cached.engine.refuse(questionId);
      }
      if (row) this.deps.broadcast({ type: 'interview-changed', interviewId });
      return row !== null;
    });
  }

  /** Forgets an interview (deleted or ended). */
  forget(interviewId: string): void {
    this.live.delete(interviewId);
    clearTimeout(this.timers.get(interviewId));
    this.timers.delete(interviewId);
  }

  /** Resolves when every queued step (and pending rebuild) has run; for tests. */
  async settled(): Promise<void> {
    while (this.timers.size > 0 || this.chains.size > 0) {
      await Promise.all([...this.chains.values()].map((p) => p.catch(() => undefined)));
      if (this.timers.size > 0) await new Promise((r) => setTimeout(r, (this.deps.rebuildDelayMs ?? SUGGEST_REBUILD_DELAY_MS) + 1));
    }
  }

  private async ensure(interviewId: string, announce = false): Promise<LiveSuggestions | null> {
    const cached = this.live.get(interviewId);
    if (cached) return cached;
    const bundle = await this.deps.repo.getBundle(interviewId);
    const replayed = replayInterview(bundle);
    if (!replayed) return null;
    this.live.set(interviewId, replayed.live);
    if (bundle.interview.state !== 'ended') await this.store(interviewId, replayed.live.view.stageId, replayed.toStore);
    if (announce) this.publish(replayed.live.view);
    return replayed.live;
  }

  private async store(interviewId: string, stageId: string, marks: AutoAsked[]): Promise<void> {
    let stored = false;
    for (const mark of marks) {
      try {
        if (await this.deps.repo.autoMarkAsked(interviewId, mark.questionId, stageId, mark.line)) stored = true;
      } catch (error) {
        this.deps.broadcast({ type: 'storage-error', message: error instanceof Error ? error.message : String(error) });
      }
    }
    if (stored) this.deps.broadcast({ type: 'interview-changed', interviewId });
  }

  private publish(view: SuggestView): void {
    this.deps.broadcast({ type: 'suggestions', interviewId: view.interviewId, view });
  }

  private serial<T>(interviewId: string, step: () => Promise<T>): Promise<T> {
    const before = this.chains.get(interviewId) ?? Promise.resolve();
    const run = before.catch(() => undefined).then(step);
    const tail = run.catch(() => undefined);
    this.chains.set(interviewId, tail);
    void tail.then(() => {
      if (this.chains.get(interviewId) === tail) this.chains.delete(interviewId);
    });
    return run;
  }
}
