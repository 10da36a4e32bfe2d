// Which language a reply is written in: the user's Discord locale when the bot speaks it, English otherwise.
import type { en } from './en.ts';

/** The languages the bot speaks. English is the reference and the fallback. */
export const LOCALES = ['en', 'ru'] as const;
export type Locale = (typeof LOCALES)[number];

type Widen<T> = T extends (...args: infer A) => string ? (...args: A) => string : T extends string ? string : { readonly [K in keyof T]: Widen<T[K]> };

/** The shape of a catalogue: English's keys, with any wording. A catalogue missing a key does not compile. */
export type Catalogue = Widen<typeof en>;

/** Discord's locale ("ru", "en-US", "pt-BR"…) to one the bot speaks. */
export function localeOf(discordLocale: string | undefined): Locale {
  const language = discordLocale?.toLowerCase().split('-')[0];
  return LOCALES.find((locale) => locale === language) ?? 'en';
}

/** A locale the bot speaks, as typed on a command line ("ru"), or undefined. */
export function parseLocale(value: string | undefined): Locale | undefined {
  return LOCALES.find((locale) => locale === value);
}
