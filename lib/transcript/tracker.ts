/**
 * Turns a call page's live captions into utterances. The platforms draw captions as blocks (one per speaker turn)
 * whose text grows word by word, is rewritten as recognition improves, and is sometimes trimmed at the start; a
 * block may be re-rendered, reused for another speaker, or replaced by a new one (shared/docs/captions.md). The
 * tracker keeps one utterance per block and speaker, replaces its text with the latest (corrections never
 * duplicate), and reports each change once. Pure logic: no DOM access beyond using blocks' keys as identities.
 */

/** One caption block as a platform reader found it in the page. */
export interface CaptionBlock {
  /** Identity of the block (its element); compared by reference, never written to. */
  key: object;
  /** Speaker name as shown ('' when the platform shows only an avatar). */
  speaker: string;
  /** The block's full current text. */
  text: string;
}

/** A new or changed utterance. Times are epoch ms. */
export interface UtteranceUpdate {
  /** Stable id of the utterance: every later update of the same utterance carries it. */
  id: string;
  speaker: string;
  text: string;
  /** When its first words appeared. */
  startAt: number;
  /** When its text last changed. */
  endAt: number;
  /** No more changes are expected (its block left, its speaker changed, or its text was still for `finalAfterMs`). */
  final: boolean;
}

export interface TrackerOptions {
  newId: () => string;
  /** An utterance whose text has not changed for this long is final. Default 1500 ms. */
  finalAfterMs?: number;
  /**
   * Whether a block whose text is replaced by unrelated text starts a new utterance (Teams' virtual list reuses
   * items; Zoom rewrites its one line). Meet starts a new block instead, so there a rewrite is a correction.
   */
  splitOnRewrite?: boolean;
}

interface Open {
  id: string;
  key: object | null;
  speaker: string;
  text: string;
  startAt: number;
  endAt: number;
  final: boolean;
  /** When its block left the page (epoch ms), for matching a re-render. */
  leftAt: number;
}

/** A block re-rendered within this long after its old element left is the same utterance. */
const RERENDER_MS = 30_000;

/** Whitespace collapsed, trimmed: the form texts are compared and stored in. */
export function normalizeCaption(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

const HEAD = 24;

/**
 * The utterance's text after the block showed `next`: `next` itself (growth, a correction), or, when the page
 * trimmed the start of a long text (`next` begins somewhere inside `previous`), the kept start plus `next`.
 */
export function mergeCaption(previous: string, next: string): string {
  if (next === previous || previous === '') return next;
  if (next.length < previous.length || !next.startsWith(previous.slice(0, Math.min(previous.length, HEAD)))) {
    const head = next.slice(0, Math.min(next.length, HEAD));
    const at = previous.indexOf(head, 1);
    if (head.length >= 8 && at > 0) return previous.slice(0, at) + next;
  }
  return next;
}

/** Whether `next` continues or corrects `previous` (shares its first word, or overlaps it), rather than replacing it. */
export function related(previous: string, next: string): boolean {
  if (!previous || !next) return true;
  const firstWord = (s: string) => s.split(' ', 1)[0]!.toLowerCase();
  if (firstWord(previous) === firstWord(next)) return true;
  const head = next.slice(0, Math.min(next.length, HEAD));
  if (head.length >= 8 && previous.includes(head)) return true;
  const oldHead = previous.slice(0, Math.min(previous.length, HEAD));
  return oldHead.length >= 8 && next.includes(oldHead);
}

/** Keeps the utterances of a caption area across scans. Feed it every scan; send what it returns. */
export class CaptionTracker {
  private readonly open = new Map<object, Open>();
  /** Utterances whose block left recently: a block re-rendered with the same text maps back to them. */
  private recent: Open[] = [];
  private readonly finalAfterMs: number;

  constructor(private readonly options: TrackerOptions) {
    this.finalAfterMs = options.finalAfterMs ?? 1500;
  }

  /** Utterances not final yet (so a caller knows to call `tick`). */
  get pending(): number {
    let n = 0;
    for (const u of this.open.values()) if (!u.final) n++;
    return n;
  }

  /**
   * Compares the blocks now in the caption area (in page order) with the previous scan. `departed`: blocks of the
   * previous scan that left the page, read once more (their last words).
   * @returns the utterances that are new or changed, each once, in page order (finalized ones first).
   */
  update(blocks: readonly CaptionBlock[], now: number, departed: readonly CaptionBlock[] = []): UtteranceUpdate[] {
    const out: UtteranceUpdate[] = [];
    const present = new Set(blocks.map((b) => b.key));
    const lastWords = new Map(departed.map((b) => [b.key, b]));
    // Blocks that left: their utterances are final, and a re-rendered copy may claim them below.
    for (const [key, u] of this.open) {
      if (present.has(key)) continue;
      this.open.delete(key);
      // The page may have removed the block before this scan saw its last words: a removed element keeps its text.
      const last = lastWords.get(key);
      const text = last && normalizeCaption(last.speaker) === u.speaker ? normalizeCaption(last.text) : '';
      if (text && mergeCaption(u.text, text) !== u.text) {
        u.text = mergeCaption(u.text, text);
        u.endAt = now;
        u.final = false;
      }
      this.finish(u, out);
      this.remember(u, now);
    }
    let created = 0;
    for (const block of blocks) {
      const text = normalizeCaption(block.text);
      const speaker = normalizeCaption(block.speaker);
      let u = this.open.get(block.key);
      if (u && (u.speaker !== speaker || (this.options.splitOnRewrite && text && !related(u.text, text)))) {
        this.open.delete(block.key);
        this.finish(u, out);
        this.remember(u, now);
        u = undefined;
      }
      if (!text) continue;
      let rerendered = false;
      if (!u) {
        const claimed = this.claim(speaker, text, now);
        rerendered = claimed !== null;
        // New blocks seen in one scan keep their page order: each starts 1 ms after the one before.
        u = claimed ?? { id: this.options.newId(), key: null, speaker, text: '', startAt: now + created, endAt: now + created, final: false, leftAt: 0 };
        if (!claimed) created++;
        u.key = block.key;
        this.open.set(block.key, u);
      }
      // A re-render showing less than was kept (only the start of it) changes nothing.
      const merged = rerendered && u.text.startsWith(text) ? u.text : mergeCaption(u.text, text);
      if (merged !== u.text) {
        u.text = merged;
        u.endAt = Math.max(now, u.startAt);
        u.final = false;
        out.push(snapshot(u));
      }
    }
    return out;
  }

  /** Marks utterances whose text stood still for `finalAfterMs` as final. @returns those. */
  tick(now: number): UtteranceUpdate[] {
    const out: UtteranceUpdate[] = [];
    for (const u of this.open.values()) if (!u.final && now - u.endAt >= this.finalAfterMs) this.finish(u, out);
    return out;
  }

  /** Finalizes everything (captions turned off, the reader stops). @returns the utterances that became final. */
  finishAll(now: number): UtteranceUpdate[] {
    const out: UtteranceUpdate[] = [];
    for (const u of this.open.values()) {
      this.finish(u, out);
      this.remember(u, now);
    }
    this.open.clear();
    return out;
  }

  private finish(u: Open, out: UtteranceUpdate[]): void {
    if (u.final || !u.text) return;
    u.final = true;
    out.push(snapshot(u));
  }

  private remember(u: Open, now: number): void {
    u.key = null;
    u.leftAt = now;
    if (!u.text) return;
    this.recent.push(u);
    if (this.recent.length > 12) this.recent = this.recent.slice(-12);
  }

  /** A recently left utterance of this speaker that `text` re-renders (same text, or it continues it). */
  private claim(speaker: string, text: string, now: number): Open | null {
    for (let i = this.recent.length - 1; i >= 0; i--) {
      const u = this.recent[i]!;
      if (u.speaker !== speaker || now - u.leftAt > RERENDER_MS) continue;
      const prefix = Math.min(u.text.length, text.length) >= 12 && (text.startsWith(u.text) || u.text.startsWith(text));
      if (u.text === text || prefix) {
        this.recent.splice(i, 1);
        return u;
      }
    }
    return null;
  }
}

function snapshot(u: Open): UtteranceUpdate {
  return { id: u.id, speaker: u.speaker, text: u.text, startAt: u.startAt, endAt: u.endAt, final: u.final };
}
