import type { CaptionBlock } from '../transcript/tracker';
import type { CaptionSource } from './captions';
import { frameDocuments } from './dom';
import { TEAMS_CAPTIONS, TEAMS_SIGNALS } from './teams';

/** Reads Teams' caption list (in the top document or a same-origin frame of the new client). */
export const teamsCaptions: CaptionSource = {
  platform: 'teams',
  splitOnRewrite: true,
  findArea(doc) {
    for (const d of frameDocuments(doc, TEAMS_SIGNALS.frames)) {
      const wrapper = d.querySelector(TEAMS_CAPTIONS.area);
      if (wrapper) return wrapper.querySelector(TEAMS_CAPTIONS.list) ?? wrapper;
    }
    return null;
  },
  blockElements(area) {
    return [...area.querySelectorAll(TEAMS_CAPTIONS.text)].map((textEl) => {
      let item: Element = textEl;
      while (item.parentElement && item.parentElement !== area && !item.querySelector(TEAMS_CAPTIONS.author)) item = item.parentElement;
      return item;
    });
  },
  readBlock(item): CaptionBlock {
    const textEl = item.matches(TEAMS_CAPTIONS.text) ? item : item.querySelector(TEAMS_CAPTIONS.text);
    return { key: item, speaker: item.querySelector(TEAMS_CAPTIONS.author)?.textContent ?? '', text: textEl?.textContent ?? '' };
  },
  status: (_doc, area) => (area ? 'on' : 'off'),
};
