// The one list of commands: deploy registers exactly these, the router serves exactly these.
import type { Command } from '../src/interaction/types.ts';
import { localizeDefinition } from '../src/locale/commands.ts';
import data from './data/index.ts';
import deal from './deal.ts';
import fact from './fact.ts';
import findInNews from './find-in-news.ts';
import help from './help.ts';
import quote from './quote.ts';
import search from './search.ts';
import sources from './sources.ts';
import who from './who.ts';

/** Every command, with its names and descriptions in the bot's other languages added for Discord (locale/commands.ts). */
export const commands: readonly Command[] = Object.freeze(
  [quote, deal, fact, who, search, sources, help, findInNews, data].map((command): Command => ({ ...command, data: localizeDefinition(command.data) })),
);
