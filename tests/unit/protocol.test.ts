import { describe, expect, it } from 'vitest';
import { createHandlers } from '../../lib/background/handlers';
import { dispatch } from '../../lib/background/router';
import { protocol } from '../../lib/protocol/protocol';

const env = { runtimeId: 'self-id', extensionOrigin: 'chrome-extension://self-id' };
const handlers = createHandlers({ now: () => 1234 });
const panelSender = { id: 'self-id', url: 'chrome-extension://self-id/panel.html', tab: { id: 7 }, frameId: 3 };

describe('protocol', () => {
  it('has a handler for every message', () => {
    expect(Object.keys(handlers).sort()).toEqual(Object.keys(protocol).sort());
  });

  it('answers a ping from an extension page with the sender tab', async () => {
    const result = await dispatch('ping', { from: 'panel' }, panelSender, handlers, env);
    expect(result).toEqual({ ok: true, value: { pong: true, from: 'panel', at: 1234, tabId: 7 } });
  });

  it('refuses a payload that does not match the schema, listing each problem by path', async () => {
    const result = await dispatch('ping', { from: 'somewhere' }, panelSender, handlers, env);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('invalid-input');
      expect(result.error.issues?.[0]).toMatch(/^from: /);
    }
  });

  it('refuses another extension', async () => {
    const result = await dispatch('ping', { from: 'panel' }, { ...panelSender, id: 'other' }, handlers, env);
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('refuses a content script outside the call hosts', async () => {
    const sender = { id: 'self-id', url: 'https://evil.example/meet.google.com', tab: { id: 1 } };
    const result = await dispatch('ping', { from: 'content' }, sender, handlers, env);
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('accepts a content script on a call host', async () => {
    const sender = { id: 'self-id', url: 'https://us02web.zoom.us/wc/123/join', tab: { id: 1 } };
    const result = await dispatch('ping', { from: 'content' }, sender, handlers, env);
    expect(result).toMatchObject({ ok: true });
  });
});
