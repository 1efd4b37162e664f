import { labelMap } from '../../lib/labels';
import type { Rating } from '../../lib/db/records';
import { RATINGS } from '../../lib/db/values';

/** Keys 1–4 choose these ratings, in this order. */
export const RATING_KEYS: Record<string, Rating> = { '1': 'strong-no', '2': 'no', '3': 'yes', '4': 'strong-yes' };

/** The translated label of a rating ("Strong no" … "Strong yes"). */
export const ratingLabel = labelMap<Rating>({
  'strong-no': 'rating.strongNo',
  no: 'rating.no',
  yes: 'rating.yes',
  'strong-yes': 'rating.strongYes',
});

/** Tailwind classes for a rating chip, from red (strong no) to green (strong yes). */
export const RATING_STYLES: Record<Rating, string> = {
  'strong-no': 'bg-red-700 text-white border-red-800',
  no: 'bg-orange-100 text-orange-900 border-orange-300',
  yes: 'bg-emerald-100 text-emerald-900 border-emerald-300',
  'strong-yes': 'bg-emerald-700 text-white border-emerald-800',
};

export { RATINGS };

/**
 * A guide's name for pickers: its title, with its language added when another guide has the same title (the
 * bundled Backend Engineer guide exists in English and Italian).
 */
export function guideLabel(guide: { title: string; locale: string }, all: readonly { title: string }[]): string {
  const twins = all.filter((g) => g.title === guide.title).length;
  return twins > 1 ? `${guide.title} (${guide.locale.toUpperCase()})` : guide.title;
}
