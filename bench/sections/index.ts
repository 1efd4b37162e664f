/**
 * Every benchmark section, in the order `npm run bench` runs them and the README shows them. To add an area's
 * figures, write `bench/sections/<area>.ts` exporting a `BenchSection` and add it here (see the README's
 * "Performance" part and bench/support.ts).
 */
import type { BenchSection } from '../support';
import { churn } from './churn';
import { exportsBench } from './exports';
import { loads } from './loads';
import { notes } from './notes';
import { optionsList } from './options-list';
import { sizes } from './sizes';
import { suggest } from './suggest';
import { sync } from './sync';
import { transcript } from './transcript';
import { views } from './views';

export const SECTIONS: readonly BenchSection[] = [sizes, loads, churn, notes, exportsBench, optionsList, suggest, transcript, views, sync];
