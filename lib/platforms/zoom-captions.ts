import type { CaptionBlock } from '../transcript/tracker';
import { textWithout, type CaptionSource } from './captions';
import { frameDocuments } from './dom';
import { ZOOM_CAPTIONS, ZOOM_SIGNALS } from './zoom';

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
    const speaker = name?.textContent ?? avatar?.getAttribute('alt') ?? '';
    return { key: item, speaker, text: textEl ? (textEl.textContent ?? '') : textWithout(item, name) };
  },
  status: (_doc, area) => (area ? 'on' : 'off'),
};
