// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { meetAdapter } from '../../lib/platforms/meet';
import { teamsAdapter } from '../../lib/platforms/teams';
import type { PlatformAdapter } from '../../lib/platforms/types';
import { zoomAdapter } from '../../lib/platforms/zoom';

/** Loads a fixture page's body into the test document, as the platform would render it. */
function load(file: string): void {
  const html = readFileSync(path.resolve('tests/fixtures/pages', file), 'utf8');
  const parsed = new DOMParser().parseFromString(html, 'text/html');
  document.body.replaceWith(document.importNode(parsed.body, true));
}

beforeEach(() => {
  document.body.replaceChildren();
});

describe.each<[PlatformAdapter, string, string | null]>([
  [meetAdapter, 'meet/lobby.html', 'lobby'],
  [meetAdapter, 'meet/in-call.html', 'in-call'],
  [meetAdapter, 'meet/asking-to-join.html', 'lobby'],
  [meetAdapter, 'meet/host-lobby.html', 'lobby'],
  [meetAdapter, 'meet/left.html', null],
  [meetAdapter, 'meet/home.html', null],
  [zoomAdapter, 'zoom/lobby.html', 'lobby'],
  [zoomAdapter, 'zoom/in-call.html', 'in-call'],
  [zoomAdapter, 'zoom/waiting-room.html', 'lobby'],
  [zoomAdapter, 'zoom/left.html', null],
  [zoomAdapter, 'zoom/home.html', null],
  [teamsAdapter, 'teams/prejoin.html', 'lobby'],
  [teamsAdapter, 'teams/in-call.html', 'in-call'],
  [teamsAdapter, 'teams/lobby.html', 'lobby'],
  [teamsAdapter, 'teams/left.html', null],
  [teamsAdapter, 'teams/app.html', null],
])('%s on %s', (adapter, file, expected) => {
  it(`reads ${String(expected)}`, () => {
    load(file);
    expect(adapter.readSignals(document)).toBe(expected);
  });
});

describe('signals that must not match', () => {
  it('Meet: English labels alone are not signals (the icon ligature is)', () => {
    document.body.append(Object.assign(document.createElement('button'), { ariaLabel: 'Leave call', textContent: 'Leave call' }));
    expect(meetAdapter.readSignals(document)).toBeNull();
  });

  it('Meet: a call_end icon in another UI language still means in call', () => {
    load('meet/in-call.html');
    document.querySelectorAll('.bar').forEach((bar) => bar.remove());
    expect(meetAdapter.readSignals(document)).toBe('lobby');
    const button = document.createElement('button');
    button.setAttribute('aria-label', 'Abbandona la chiamata');
    const icon = document.createElement('i');
    icon.className = 'google-symbols';
    icon.textContent = ' call_end ';
    button.append(icon);
    document.body.append(button);
    expect(meetAdapter.readSignals(document)).toBe('in-call');
  });

  it('Meet: the leave icon drawn with material-symbols-outlined counts, with participant tiles', () => {
    load('meet/asking-to-join.html');
    expect(meetAdapter.readSignals(document)).toBe('lobby');
    const tile = document.createElement('div');
    tile.dataset.participantId = 'spaces/x/devices/1';
    document.body.append(tile);
    // A participant id without its media slot is not an admitted call yet.
    expect(meetAdapter.readSignals(document)).toBe('lobby');
    tile.append(document.createElement('video'));
    expect(meetAdapter.readSignals(document)).toBe('in-call');
  });

  it('Meet: participant tiles without the leave control are not a call (green-room preview)', () => {
    load('meet/lobby.html');
    const tile = document.createElement('div');
    tile.dataset.participantId = 'spaces/x/devices/1';
    tile.append(document.createElement('video'));
    document.body.append(tile);
    expect(meetAdapter.readSignals(document)).toBe('lobby');
  });

  it('Zoom: the waiting room wins over a leave button it draws', () => {
    load('zoom/waiting-room.html');
    expect(document.querySelector('.footer__leave-btn-container')).not.toBeNull();
    expect(zoomAdapter.readSignals(document)).toBe('lobby');
  });

  it('Teams: the leave button alone (lobby) is waiting; the call duration means admitted', () => {
    load('teams/lobby.html');
    expect(teamsAdapter.readSignals(document)).toBe('lobby');
    const duration = document.createElement('span');
    duration.id = 'call-duration-custom';
    document.body.append(duration);
    expect(teamsAdapter.readSignals(document)).toBe('in-call');
  });

  it('Teams: the call beats the pre-join button when both are present (transition frame)', () => {
    load('teams/prejoin.html');
    const duration = document.createElement('span');
    duration.id = 'call-duration-custom';
    document.body.append(duration);
    expect(teamsAdapter.readSignals(document)).toBe('in-call');
  });
});

describe('Zoom inside the #webclient frame', () => {
  /** An iframe whose same-origin document holds a fixture (happy-dom does not load frames, so it is stubbed). */
  function frameWith(file: string | null, id = 'webclient'): HTMLIFrameElement {
    const frame = document.createElement('iframe');
    frame.id = id;
    const inner = document.implementation.createHTMLDocument('frame');
    if (file) {
      const html = readFileSync(path.resolve('tests/fixtures/pages', file), 'utf8');
      const parsed = new DOMParser().parseFromString(html, 'text/html');
      inner.body.replaceWith(inner.importNode(parsed.body, true));
    }
    Object.defineProperty(frame, 'contentDocument', { get: () => inner });
    document.body.append(frame);
    return frame;
  }

  it('reads the lobby and the call from the frame, not the empty top page', () => {
    frameWith('zoom/lobby.html');
    expect(zoomAdapter.readSignals(document)).toBe('lobby');
    document.body.replaceChildren();
    frameWith('zoom/in-call.html');
    expect(zoomAdapter.readSignals(document)).toBe('in-call');
  });

  it('ignores other frames', () => {
    frameWith('zoom/in-call.html', 'ads');
    expect(zoomAdapter.readSignals(document)).toBeNull();
  });

  it('treats an unreadable (cross-origin) frame as no signal', () => {
    const frame = document.createElement('iframe');
    frame.id = 'webclient';
    Object.defineProperty(frame, 'contentDocument', {
      get() {
        throw new DOMException('Blocked a frame with origin', 'SecurityError');
      },
    });
    document.body.append(frame);
    expect(zoomAdapter.readSignals(document)).toBeNull();
  });
});
