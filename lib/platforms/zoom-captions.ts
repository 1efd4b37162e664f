import type { CaptionBlock } from '../transcript/tracker';
import { textWithout, type CaptionSource } from './captions';
import { frameDocuments } from './dom';
import { ZOOM_CAPTIONS, ZOOM_SIGNALS } from './zoom';

/**
 * The name of the one participant whose list avatar is the image at `src`, from Zoom's participants list (only in
 * the page while the list is open). Null when the list is closed or the picture is shared (Zoom's default avatar).
 */
function nameForAvatar(doc: Document, src: string): string | null {
  const names = new Set<string>();
  for (const person of doc.querySelectorAll(ZOOM_CAPTIONS.participant)) {
    const avatar = person.querySelector(ZOOM_CAPTIONS.participantAvatar);
    if (avatar?.getAttribute('src') !== src) continue;
    const name = person.querySelector(ZOOM_CAPTIONS.participantName)?.textContent?.trim();
    if (name) names.add(name);
  }
  return names.size === 1 ? [...names][0]! : null;
}

/** Reads Zoom's live-transcription box (in the top document or the same-origin `#webclient` frame). */
export const zoomCaptions: CaptionSource = {
  platform: 'zoom',
  splitOnRewrite: true,
  findArea(doc) {
    for (const d of frameDocuments(doc, ZOOM_SIGNALS.callFrame)) {
      const box = d.querySelector(ZOOM_CAPTIONS.box);
      if (box) return box;
    }
    return null;
  },
  blockElements(area) {
    const items = [...area.querySelectorAll(ZOOM_CAPTIONS.item)];
    return items.length ? items : area.textContent?.trim() ? [area] : [];
  },
  readBlock(item): CaptionBlock {
    const name = item.querySelector(ZOOM_CAPTIONS.name);
    const avatar = item.querySelector<HTMLImageElement>(ZOOM_CAPTIONS.avatar);
    const textEl = item.querySelector(ZOOM_CAPTIONS.text);
    const src = name ? null : avatar?.getAttribute('src');
    const speaker = name?.textContent ?? (src ? nameForAvatar(item.ownerDocument, src) : null) ?? avatar?.getAttribute('alt') ?? '';
    return { key: item, speaker, text: textEl ? (textEl.textContent ?? '') : textWithout(item, name) };
  },
  status: (_doc, area) => (area ? 'on' : 'off'),
};
