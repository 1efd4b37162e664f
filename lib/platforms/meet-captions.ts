import type { CaptionBlock } from '../transcript/tracker';
import { textWithout, type CaptionSource } from './captions';
import { MEET_CAPTIONS, MEET_SIGNALS } from './meet';

/** Meet's captions button (the element with `aria-pressed` around the captions icon), or null. */
export function meetCaptionsButton(doc: Document): HTMLElement | null {
  for (const icon of doc.querySelectorAll(MEET_SIGNALS.icon)) {
    if (!MEET_CAPTIONS.buttonIcons.has((icon.textContent ?? '').trim())) continue;
    const button = icon.closest<HTMLElement>('button, [role="button"]');
    if (button) return button;
  }
  return null;
}

function speakerOf(block: Element, textEl: Element | null): string {
  const named = block.querySelector(MEET_CAPTIONS.speaker);
  if (named) return named.textContent ?? '';
  // The name is the element just before the caption text.
  const before = textEl?.previousElementSibling;
  return before ? textWithout(before, null) : '';
}

/** Reads Meet's caption region. */
export const meetCaptions: CaptionSource = {
  platform: 'meet',
  splitOnRewrite: false,
  findArea(doc) {
    const regions = [...doc.querySelectorAll(MEET_CAPTIONS.region)];
    return regions.find((r) => r.querySelector(MEET_CAPTIONS.block)) ?? regions.find((r) => r.querySelector('img')) ?? regions[0] ?? null;
  },
  blockElements(area) {
    let blocks = [...area.querySelectorAll(MEET_CAPTIONS.block)];
    // Newer layouts without the generated classes: each block is an element holding an avatar image.
    if (!blocks.length) {
      blocks = [...area.querySelectorAll('img')]
        .map((img): Element | null => img.parentElement?.parentElement ?? null)
        .filter((b): b is Element => b !== null && b !== area);
    }
    return blocks;
  },
  readBlock(block): CaptionBlock {
    const textEl = block.querySelector(MEET_CAPTIONS.text) ?? block.lastElementChild;
    return { key: block, speaker: speakerOf(block, textEl), text: textEl ? (textEl.textContent ?? '') : '' };
  },
  status(doc, area) {
    const pressed = meetCaptionsButton(doc)?.getAttribute('aria-pressed');
    if (pressed === 'true') return 'on';
    if (pressed === 'false') return 'off';
    return area && area.querySelector('img') ? 'on' : 'off';
  },
};
