import type { CaptionSource, CaptionsStatus } from '../platforms/captions';
import type { CaptionBlock } from './tracker';
import { CaptionTracker, type UtteranceUpdate } from './tracker';

/** How often the reader looks for the caption area while it has none (captions off), in ms. */
export const AREA_POLL_MS = 1000;
/** Caption mutations are coalesced into one scan at most this often, in ms. */
export const SCAN_BATCH_MS = 150;

export interface CaptionReaderDeps {
  doc: Document;
  source: CaptionSource;
  /** Receives each new or changed utterance, in order. */
  emit: (update: UtteranceUpdate) => void;
  /** Told when captions turn on or off (also once at start). */
  onStatus: (status: CaptionsStatus) => void;
  newId: () => string;
  now: () => number;
  /** `MutationObserver` of the page's window (injectable for tests). */
  MutationObserver: typeof MutationObserver;
  setTimeout: (handler: () => void, ms: number) => unknown;
  clearTimeout: (handle: unknown) => void;
  setInterval: (handler: () => void, ms: number) => unknown;
  clearInterval: (handle: unknown) => void;
  /** See `TrackerOptions.finalAfterMs`. */
  finalAfterMs?: number;
}

export interface CaptionReader {
  /** Scans now (tests, and before stopping). */
  scan(): void;
  /** Stops observing; utterances still open are sent as final. */
  stop(): void;
}

/**
 * Reads a call page's captions into utterances: one `MutationObserver` on the caption area only (never the
 * document), mutations batched into one scan per `SCAN_BATCH_MS`, and a 1 s look for the area while captions are
 * off. Blocks already on screen at start are skipped (said before capture began). The reader keeps no text beyond
 * the open utterances and writes nothing into the page.
 */
export function startCaptionReader(deps: CaptionReaderDeps): CaptionReader {
  const tracker = new CaptionTracker({ newId: deps.newId, finalAfterMs: deps.finalAfterMs, splitOnRewrite: deps.source.splitOnRewrite });
  let area: Element | null = null;
  let observer: MutationObserver | null = null;
  let batch: unknown = null;
  let idle: unknown = null;
  let status: CaptionsStatus | null = null;
  let stopped = false;
  /**
   * Blocks already on screen when the reader started were spoken before capture was turned on (or before the
   * candidate was told): they are never read. Capture starts with the next block.
   */
  let before: WeakSet<object> | null = null;
  /** Block elements of the previous scan, to read once more when the page removes them. */
  let previous: Element[] = [];

  const send = (updates: UtteranceUpdate[]) => updates.forEach(deps.emit);

  const setStatus = (next: CaptionsStatus) => {
    if (next === status) return;
    status = next;
    deps.onStatus(next);
  };

  const armIdle = () => {
    if (idle !== null || stopped || tracker.pending === 0) return;
    idle = deps.setTimeout(() => {
      idle = null;
      send(tracker.tick(deps.now()));
      armIdle();
    }, Math.max(250, Math.floor((deps.finalAfterMs ?? 1500) / 3)));
  };

  const scan = () => {
    if (batch !== null) {
      deps.clearTimeout(batch);
      batch = null;
    }
    if (stopped) return;
    let elements = area?.isConnected ? deps.source.blockElements(area) : [];
    before ??= new WeakSet(elements);
    elements = elements.filter((el) => !before!.has(el));
    const current = new Set(elements);
    const departed: CaptionBlock[] = previous.filter((el) => !current.has(el)).map((el) => deps.source.readBlock(el));
    previous = elements;
    send(tracker.update(elements.map((el) => deps.source.readBlock(el)), deps.now(), departed));
    armIdle();
  };

  const attach = () => {
    const found = deps.source.findArea(deps.doc);
    if (found !== area) {
      observer?.disconnect();
      observer = null;
      area = found;
      if (area) {
        observer = new deps.MutationObserver(() => {
          if (batch === null) batch = deps.setTimeout(scan, SCAN_BATCH_MS);
        });
        observer.observe(area, { childList: true, subtree: true, characterData: true });
      }
      scan();
    }
    setStatus(deps.source.status(deps.doc, area));
  };

  attach();
  const poll = deps.setInterval(() => {
    if (!area?.isConnected || status === 'off') attach();
    else setStatus(deps.source.status(deps.doc, area));
  }, AREA_POLL_MS);

  return {
    scan,
    stop() {
      if (stopped) return;
      scan();
      stopped = true;
      observer?.disconnect();
      deps.clearInterval(poll);
      if (batch !== null) deps.clearTimeout(batch);
      if (idle !== null) deps.clearTimeout(idle);
      send(tracker.finishAll(deps.now()));
    },
  };
}
