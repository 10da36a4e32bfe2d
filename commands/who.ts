// /who name: a person, organisation or country: role, aliases and what the data holds about them.
import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import { answerLookup, answerLookupPage, lookupChoices, type LookupSpec } from '../src/interaction/lookup.ts';
import type { Command } from '../src/interaction/types.ts';

const spec: LookupSpec = { command: 'who', kinds: ['entity'], noun: 'person or organisation', nounPlural: 'people and organisations' };

export default {
  data: {
    name: 'who',
    description: 'Who is this? A person, organisation or country in the articles',
    options: [
      {
        type: ApplicationCommandOptionType.String,
        name: 'name',
        description: 'A name, in any common spelling (Tokayev, Tokaev, Токаев)',
        required: true,
        autocomplete: true,
        max_length: 100,
      },
    ],
  },
  autocomplete: (request) => lookupChoices(spec, request),
  execute: (request) => answerLookup(spec, request, request.options.string('name')),
  component: (request) => answerLookupPage(spec, request),
  cooldown: true,
} satisfies Command;
