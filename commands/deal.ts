// /deal [query]: a deal with its parties, company, value, quantity, status and caveats; paging through every match.
import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import { answerLookup, answerLookupPage, lookupChoices, type LookupSpec } from '../src/interaction/lookup.ts';
import type { Command } from '../src/interaction/types.ts';

const spec: LookupSpec = { command: 'deal', kinds: ['deal'], noun: 'deal', nounPlural: 'deals' };

export default {
  data: {
    name: 'deal',
    description: 'Find a deal by company, country or product',
    options: [
      {
        type: ApplicationCommandOptionType.String,
        name: 'query',
        description: 'A company (Boeing), a country (Kazakhstan) or a product (locomotives); empty for all deals',
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
