// Every sentence the bot says, by language (src/locale/): replies ask for the words of the request's locale.
import { en } from './locale/en.ts';
import { localeOf, type Catalogue, type Locale } from './locale/locale.ts';
import { ru } from './locale/ru.ts';

export type { Catalogue, Locale };

const CATALOGUES: Readonly<Record<Locale, Catalogue>> = Object.freeze({ en, ru });

/** The catalogue of a language the bot speaks. */
export function catalogue(locale: Locale): Catalogue {
  return CATALOGUES[locale];
}

/** The words for a Discord locale ("ru", "en-US"…): English when the bot does not speak it. */
export function wordsFor(discordLocale: string | undefined): Catalogue {
  return CATALOGUES[localeOf(discordLocale)];
}

/** English sentences, for code without a reader (logs, CLIs) and for tests; replies use wordsFor(request.locale). */
export const messages = en.messages;

/** Logged at start-up and printed by deploy when no server owns the data, so an operator knows how to enable /data. */
export const DATA_HOME_HINT =
  '/data is off: no server owns the data. Set DATA_GUILD_IDS (or DISCORD_GUILD_ID) to the id of the server whose moderators manage it, then run npm run deploy.';
