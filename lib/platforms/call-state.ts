import type { CallState, Platform } from '../db/records';
import type { SignalState, UrlVerdict } from './types';

/** One look at the page: what its URL and its DOM signals say, at `now` (epoch ms). */
export interface Observation {
  url: string;
  verdict: UrlVerdict;
  signal: SignalState | null;
  now: number;
}

/** The tracker's view of the tab after an observation. */
export interface CallSnapshot {
  platform: Platform;
  state: CallState;
  /** Platform meeting id (Meet code, Zoom number, Teams thread), null when the URL carries none. */
  meetingId: string | null;
  url: string;
  /** The panel belongs on this page (a meeting URL, or the app while it shows a call, not after it was left). */
  mount: boolean;
  /** Set while on a meeting URL whose DOM signals have not matched for `problemAfterMs`. */
  problem: string | null;
  /** Epoch ms of the last state change. */
  since: number;
}

export interface CallTrackerOptions {
  /** A fresh meeting page without signals stays quiet this long before its state is `unknown`. Default 3 s. */
  unknownAfterMs?: number;
  /** Lobby/call signals must be gone this long before the state becomes `left` (ignores redraws). Default 2 s. */
  leftAfterMs?: number;
  /** No signal at all for this long on a meeting URL is reported as a detection problem. Default 20 s. */
  problemAfterMs?: number;
}

/**
 * The per-tab call state machine: `none` → `lobby` → `in-call` → `left` → (rejoin) `lobby`, plus `unknown`
 * when a meeting page shows none of its platform's signals (the panel still works; diagnostics get a
 * problem).
 *
 * URL rules decide whether a page can be a meeting; DOM signals decide the state. `left` is inferred when
 * the lobby/call signals disappear from the same meeting (Meet shows its "you left" screen on the meeting
 * URL, and such screens carry no language-independent marker). A new meeting id, or leaving the meeting
 * URL, starts over.
 */
export class CallTracker {
  private readonly unknownAfterMs: number;
  private readonly leftAfterMs: number;
  private readonly problemAfterMs: number;
  private key: string | null = null;
  private state: CallState = 'none';
  private since = 0;
  /** When the current stretch without any signal began, or null while signals match. */
  private missingSince: number | null = null;
  private firstSeenAt = 0;
  private snapshot: CallSnapshot;

  constructor(
    readonly platform: Platform,
    options: CallTrackerOptions = {},
  ) {
    this.unknownAfterMs = options.unknownAfterMs ?? 3000;
    this.leftAfterMs = options.leftAfterMs ?? 2000;
    this.problemAfterMs = options.problemAfterMs ?? 20_000;
    this.snapshot = { platform, state: 'none', meetingId: null, url: '', mount: false, problem: null, since: 0 };
  }

  /** The latest snapshot. */
  get current(): CallSnapshot {
    return this.snapshot;
  }

  /** Feeds one observation and returns the resulting snapshot. */
  observe(obs: Observation): CallSnapshot {
    const { verdict, signal, now } = obs;
    const meetingId = verdict.kind === 'meeting' ? verdict.meetingId : null;
    const key = meetingKey(obs);
    if (key !== this.key) {
      this.key = key;
      this.set('none', now);
      this.missingSince = null;
      this.firstSeenAt = now;
    }
    if (verdict.kind === 'none') {
      this.set('none', now);
      return this.publish(obs, meetingId, false, null);
    }

    let problem: string | null = null;
    if (signal) {
      this.missingSince = null;
      this.set(signal, now);
    } else {
      this.missingSince ??= now;
      const missingFor = now - this.missingSince;
      if (this.state === 'lobby' || this.state === 'in-call') {
        if (missingFor >= this.leftAfterMs) this.set('left', now);
      } else if (this.state === 'none' && verdict.kind === 'meeting' && now - this.firstSeenAt >= this.unknownAfterMs) {
        this.set('unknown', now);
      }
      if (verdict.kind === 'meeting' && (this.state === 'unknown' || this.state === 'none') && missingFor >= this.problemAfterMs) {
        problem = `${this.platform}: no lobby or in-call signal matched for ${Math.round(missingFor / 1000)} s`;
      }
    }
    // In the app (no meeting URL) the panel belongs only while a call shows: a `left` call there is over, and its
    // panel stays only while the background holds it for a pending wrap-up (`calls.report`'s `hold`).
    const mount = verdict.kind === 'meeting' || (this.state !== 'none' && this.state !== 'left');
    return this.publish(obs, meetingId, mount, problem);
  }

  private set(state: CallState, now: number): void {
    if (state === this.state) return;
    this.state = state;
    this.since = now;
  }

  private publish(obs: Observation, meetingId: string | null, mount: boolean, problem: string | null): CallSnapshot {
    const prev = this.snapshot;
    // Keep the first wording of a problem so that its growing duration is not a change worth reporting.
    const keptProblem = problem && prev.problem ? prev.problem : problem;
    this.snapshot = { platform: this.platform, state: this.state, meetingId, url: obs.url, mount, problem: keptProblem, since: this.since };
    return this.snapshot;
  }
}

/** Identifies "the same meeting": its id when the URL has one, else the page (query dropped). */
function meetingKey(obs: Observation): string {
  if (obs.verdict.kind === 'meeting' && obs.verdict.meetingId) return `meeting:${obs.verdict.meetingId}`;
  try {
    const url = new URL(obs.url);
    return `${obs.verdict.kind}:${url.origin}${url.pathname}${url.hash}`;
  } catch {
    return `${obs.verdict.kind}:${obs.url}`;
  }
}
