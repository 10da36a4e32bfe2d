// /fact [query]: a fact in our own words, with its subjects, figures, date and source.
import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import { answerLookup, answerLookupPage, lookupChoices, type LookupSpec } from '../src/interaction/lookup.ts';
import type { Command } from '../src/interaction/types.ts';

const spec: LookupSpec = { command: 'fact', kinds: ['fact'], noun: 'fact', nounPlural: 'facts' };

export default {
  data: {
    name: 'fact',
    description: 'Find a fact or figure from the articles',
    options: [
      {
        type: ApplicationCommandOptionType.String,
        name: 'query',
        description: 'A name, country or topic (political prisoners, Freedom House); empty for all facts',
        autocomplete: true,
        max_length: 100,
      },
    ],
  },
  autocomplete: (request) => lookupChoices(spec, request),
  execute: (request) => answerLookup(spec, request, request.options.string('query')),
  component: (request) => answerLookupPage(spec, request),
  cooldown: true,
} satisfies Command;
