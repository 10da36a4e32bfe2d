// /quote [query]: a quote with its speaker, context, date and source; paging through every match.
import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import { answerLookup, answerLookupPage, lookupChoices, type LookupSpec } from '../src/interaction/lookup.ts';
import type { Command } from '../src/interaction/types.ts';

const spec: LookupSpec = { command: 'quote', kinds: ['quote'], noun: 'quote', nounPlural: 'quotes' };

export default {
  data: {
    name: 'quote',
    description: 'Find a quote by speaker, words or topic',
    options: [
      {
        type: ApplicationCommandOptionType.String,
        name: 'query',
        description: 'A speaker (Tokayev), words (“open for business”) or a topic; empty for all quotes',
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
