import type { Platform } from '../db/records';
import type { CaptionBlock } from '../transcript/tracker';

/** What a platform's caption area shows right now. */
export type CaptionsStatus = 'on' | 'off';

/**
 * One platform's caption reader: where its captions are drawn and how a block's speaker and text are read. Every
 * selector lives in the platform's adapter file (`MEET_CAPTIONS`, `TEAMS_CAPTIONS`, `ZOOM_CAPTIONS`); these
 * functions run only in the transcript reader, which is injected into a call tab when the transcript is on.
 */
export interface CaptionSource {
  platform: Platform;
  /** The smallest element holding every caption block, or null when there is none (captions off, or a new layout). */
  findArea(doc: Document): Element | null;
  /** The block elements in the area, in page order. */
  blockElements(area: Element): Element[];
  /** One block's speaker and text (also of a block the page just removed: detached elements keep their text). */
  readBlock(block: Element): CaptionBlock;
  /** Whether captions are on: the platform's own control when it tells, else whether the area exists. */
  status(doc: Document, area: Element | null): CaptionsStatus;
  /** See `TrackerOptions.splitOnRewrite`. */
  splitOnRewrite: boolean;
}

/** The blocks in the area, in page order. */
export function readBlocks(source: CaptionSource, area: Element): CaptionBlock[] {
  return source.blockElements(area).map((block) => source.readBlock(block));
}

/** Text of an element without the text of `skip` (a nested element), whitespace collapsed. */
export function textWithout(el: Element, skip: Element | null): string {
  if (!skip || !el.contains(skip)) return (el.textContent ?? '').replace(/\s+/g, ' ').trim();
  let out = '';
  const walk = (node: Node) => {
    if (node === skip) return;
    if (node.nodeType === 3) out += node.nodeValue ?? '';
    else node.childNodes.forEach(walk);
  };
  walk(el);
  return out.replace(/\s+/g, ' ').trim();
}
