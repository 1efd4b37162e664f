import { i18n, type GeneratedI18nStructure } from '#i18n';

/** A translation key that takes no substitutions and no plural: one `i18n.t(key)` gives its whole text. */
export type PlainKey = {
  [K in keyof GeneratedI18nStructure]: GeneratedI18nStructure[K] extends { plural: false; substitutions: 0 } ? K : never;
}[keyof GeneratedI18nStructure];

/** A plain key whose help line is the plain key `<key>Help` (`options.settings.panelSide` → `…panelSideHelp`). */
export type HelpedKey = { [K in PlainKey]: `${K}Help` extends PlainKey ? K : never }[PlainKey];

/**
 * The translated label of each value of a string union, from its translation keys listed once as data: the type
 * makes sure every value has a key (add a value to the union and the map no longer compiles).
 * @param keys the translation key of each value.
 * @returns a function giving a value's label in the interface language (read when called, not when made).
 */
export function labelMap<T extends string>(keys: Record<T, PlainKey>): (value: T) => string {
  return (value) => i18n.t(keys[value]);
}
