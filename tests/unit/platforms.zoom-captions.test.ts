// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { zoomCaptions } from '../../lib/platforms/zoom-captions';

/**
 * Zoom draws some caption lines with only the speaker's avatar. Their name comes from the participants list when it
 * is open and exactly one person there has that picture (markup as the Zoom web client draws it, per public caption
 * readers); otherwise the image's alt text, otherwise no name.
 */
const AVATAR = {
  alex: 'https://us04images.zoom.us/p/alex/photo-1',
  sam: 'https://us04images.zoom.us/p/sam/photo-2',
  shared: 'https://us05st1.zoom.us/web_client/image/default-avatar.png',
};

function participant(name: string, src: string): string {
  return `<li class="item-pos participants-li" role="application"><div class="participants-item__item-layout"><div class="participants-item__left-section"><img class="participants-item__avatar" src="${src}" alt="" aria-hidden="true"><span class="participants-item__name-section"><span class="participants-item__display-name">${name}</span></span></div></div></li>`;
}

function line(src: string, text: string, alt = ''): string {
  return `<div class="live-transcription-subtitle__item"><img src="${src}" alt="${alt}"><span class="live-transcription-subtitle__text">${text}</span></div>`;
}

function speakers(): string[] {
  const area = zoomCaptions.findArea(document)!;
  return zoomCaptions.blockElements(area).map((el) => zoomCaptions.readBlock(el).speaker);
}

beforeEach(() => {
  document.body.replaceChildren();
  document.body.insertAdjacentHTML('beforeend', `<div class="live-transcription-subtitle__box">${line(AVATAR.alex, 'I moved the reports to a queue.')}${line(AVATAR.sam, 'Why a queue?', 'Sam Okafor')}${line(AVATAR.shared, 'Hello?')}</div>`);
});

describe('Zoom caption speakers drawn as an avatar', () => {
  it('without the participants list: the alt text, else no name', () => {
    expect(speakers()).toEqual(['', 'Sam Okafor', '']);
  });

  it('with the list open: the name of the one participant with that picture; a shared default picture names nobody', () => {
    document.body.insertAdjacentHTML(
      'beforeend',
      `<ul class="participants-ul">${participant('Alex Rivera', AVATAR.alex)}${participant('Sam Okafor (Me)', AVATAR.sam)}${participant('Guest 1', AVATAR.shared)}${participant('Guest 2', AVATAR.shared)}</ul>`,
    );
    expect(speakers()).toEqual(['Alex Rivera', 'Sam Okafor (Me)', '']);
  });

  it('a text label wins over the avatar', () => {
    document.querySelector('.live-transcription-subtitle__item')!.insertAdjacentHTML('afterbegin', '<span class="live-transcription-subtitle__name">Alex R.</span>');
    document.body.insertAdjacentHTML('beforeend', `<ul>${participant('Alex Rivera', AVATAR.alex)}</ul>`);
    expect(speakers()[0]).toBe('Alex R.');
  });
});
