import type { Platform } from '../db/records';

/** Which screen edge the panel is docked to. */
export type Dock = 'left' | 'right';

/** Where the panel sits and whether it is collapsed to its handle; remembered per platform. */
export interface PanelLayout {
  dock: Dock;
  /** Distance of the panel's top edge from the viewport's top, in CSS px (clamped on use). */
  top: number;
  collapsed: boolean;
}

/** Sizes of the panel frame in CSS px. */
export const FRAME_SIZE = {
  /** The expanded drawer's width. */
  drawerWidth: 360,
  /** The collapsed handle (the panel app draws stage and timer in it). */
  handleWidth: 220,
  handleHeight: 44,
  /** The drag grip beside the frame. */
  gripWidth: 14,
  /** Gap to the viewport's edges. */
  margin: 12,
  /** Kept free at the bottom so the call's own control bar is never covered by default. */
  controlBarReserve: 96,
  /** The drawer never gets shorter than this; dragging stops there. */
  minDrawerHeight: 240,
} as const;

export const DEFAULT_LAYOUT: PanelLayout = { dock: 'right', top: FRAME_SIZE.margin, collapsed: false };

/** Position and size of the panel's host element for a layout in a viewport, all in CSS px. */
export interface FrameBox {
  top: number;
  /** Distance from the docked edge (left or right). */
  side: number;
  width: number;
  height: number;
  /** Size of the iframe itself (the host adds the grip beside it). */
  frameWidth: number;
  frameHeight: number;
}

/**
 * Where the frame goes: the drawer spans from `top` down to the control-bar reserve; the handle is a small
 * box at `top`. `top` is clamped so the frame stays on screen and the drawer keeps its minimum height.
 */
export function frameBox(layout: PanelLayout, viewport: { width: number; height: number }): FrameBox {
  const s = FRAME_SIZE;
  const frameWidth = Math.min(layout.collapsed ? s.handleWidth : s.drawerWidth, Math.max(120, viewport.width - 2 * s.margin - s.gripWidth));
  const top = clampTop(layout, viewport.height);
  const frameHeight = layout.collapsed
    ? s.handleHeight
    : Math.max(Math.min(s.minDrawerHeight, viewport.height - top - s.margin), viewport.height - top - s.controlBarReserve);
  return { top, side: s.margin, width: frameWidth + s.gripWidth, height: frameHeight, frameWidth, frameHeight };
}

/** Clamps a layout's `top` to the range in which the frame (handle or drawer) fits in the viewport. */
export function clampTop(layout: PanelLayout, viewportHeight: number): number {
  const s = FRAME_SIZE;
  const max = layout.collapsed
    ? viewportHeight - s.handleHeight - s.margin
    : viewportHeight - s.controlBarReserve - s.minDrawerHeight;
  return Math.round(Math.max(s.margin, Math.min(Number.isFinite(layout.top) ? layout.top : s.margin, Math.max(s.margin, max))));
}

/** Reads a stored layout, falling back field by field to the defaults for anything malformed. */
export function parseLayout(raw: unknown): PanelLayout {
  const value = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  return {
    dock: value.dock === 'left' || value.dock === 'right' ? value.dock : DEFAULT_LAYOUT.dock,
    top: typeof value.top === 'number' && Number.isFinite(value.top) && value.top >= 0 ? Math.round(value.top) : DEFAULT_LAYOUT.top,
    collapsed: typeof value.collapsed === 'boolean' ? value.collapsed : DEFAULT_LAYOUT.collapsed,
  };
}

/** The `browser.storage.local` key of a platform's layout. */
export const layoutKey = (platform: Platform) => `panelLayout.${platform}`;

/** The slice of `browser.storage.StorageArea` the layout store needs (extension storage, never the page's). */
export interface LayoutStorage {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

/**
 * Loads a platform's remembered layout from extension storage. Plain `storage.local` rather than WXT's
 * storage items keeps the content script small (naming a free `storage` here made WXT's auto-import pull
 * in @wxt-dev/storage despite `imports: false`); the shape is checked by `parseLayout`.
 * Never throws: a failed read gives the default layout.
 */
export async function loadLayout(area: LayoutStorage, platform: Platform, fallback: PanelLayout = DEFAULT_LAYOUT): Promise<PanelLayout> {
  return (await readRememberedLayout(area, platform)) ?? { ...fallback };
}

/**
 * A platform's remembered layout, or null when the panel was never moved, collapsed or docked there (or the
 * read failed). Never throws.
 */
export async function readRememberedLayout(area: LayoutStorage, platform: Platform): Promise<PanelLayout | null> {
  try {
    const items = await area.get(layoutKey(platform));
    const stored = items[layoutKey(platform)];
    return stored === undefined ? null : parseLayout(stored);
  } catch {
    return null;
  }
}

/**
 * A platform's first layout: docked on `dock` (the interviewer's `panelSide` setting, right by default), below
 * any call controls the platform draws at the top (`topControlsHeight`, CSS px).
 */
export function defaultLayout(topControlsHeight = 0, dock: Dock = DEFAULT_LAYOUT.dock): PanelLayout {
  return { ...DEFAULT_LAYOUT, dock, top: FRAME_SIZE.margin + topControlsHeight };
}

/** Reads the `panelSide` of a stored settings value; anything else gives the default side. */
export function panelSideOf(settings: unknown): Dock {
  const side = typeof settings === 'object' && settings !== null ? (settings as { panelSide?: unknown }).panelSide : undefined;
  return side === 'left' || side === 'right' ? side : DEFAULT_LAYOUT.dock;
}

/** Saves a platform's layout; a failed write is ignored (the layout is a convenience). */
export async function saveLayout(area: LayoutStorage, platform: Platform, layout: PanelLayout): Promise<void> {
  try {
    await area.set({ [layoutKey(platform)]: { dock: layout.dock, top: Math.round(layout.top), collapsed: layout.collapsed } });
  } catch {
    // Keep the panel working when storage is unavailable (e.g. the extension is being reloaded).
  }
}
