import { summarizeGuide } from '../../guides/schema';
import { HandlerError, type Handlers } from '../router';
import type { BackgroundServices } from '../services';

type GuideHandlers = Pick<Handlers, 'guides.list' | 'guides.get' | 'guides.save' | 'guides.delete'>;

/** Role guides: bundled ones from code (read-only), custom ones from the database. */
export function guideHandlers(s: BackgroundServices): GuideHandlers {
  const bundled = new Map(s.bundledGuides.map((g) => [g.id, g]));
  const findGuide = async (id: string) => bundled.get(id) ?? (await s.repo.customGuide(id))?.guide;
  return {
    'guides.list': async () => {
      const custom = await s.repo.customGuides();
      // Guides written in the interviewer's language come first, so pickers default to them.
      const language = s.uiLanguage().split('-')[0]!.toLowerCase();
      const own = (g: { locale: string }) => (g.locale.split('-')[0]!.toLowerCase() === language ? 0 : 1);
      const ordered = [...s.bundledGuides].sort((a, b) => own(a) - own(b));
      return [
        ...ordered.map((g) => summarizeGuide(g, 'bundled')),
        ...custom.sort((a, b) => a.guide.title.localeCompare(b.guide.title)).map((row) => summarizeGuide(row.guide, 'custom')),
      ];
    },
    'guides.get': async ({ id }) => {
      const guide = await findGuide(id);
      if (!guide) throw new HandlerError('not-found', `Role guide "${id}" not found`);
      return guide;
    },
    'guides.save': async ({ guide }) => {
      if (bundled.has(guide.id)) {
        throw new HandlerError('conflict', `"${guide.id}" is a bundled guide and cannot be replaced; give the copy another id`);
      }
      await s.repo.saveCustomGuide(guide);
      s.live.broadcast({ type: 'guides-changed' });
      return summarizeGuide(guide, 'custom');
    },
    'guides.delete': async ({ id }) => {
      if (bundled.has(id)) throw new HandlerError('forbidden', `"${id}" is a bundled guide and cannot be deleted`);
      const deleted = await s.repo.deleteCustomGuide(id);
      if (deleted) s.live.broadcast({ type: 'guides-changed' });
      return { deleted };
    },
  };
}

/** Finds a guide by id among bundled and custom guides. @throws HandlerError `not-found`. */
export async function requireGuide(s: BackgroundServices, id: string) {
  const guide = s.bundledGuides.find((g) => g.id === id) ?? (await s.repo.customGuide(id))?.guide;
  if (!guide) throw new HandlerError('not-found', `Role guide "${id}" not found`);
  return guide;
}
