// /sources: the articles the data comes from, newest first, each with its publisher, date, authors and counts.
import { answerLookup, answerLookupPage, type LookupSpec } from '../src/interaction/lookup.ts';
import { AVAILABLE_EVERYWHERE, type Command } from '../src/interaction/types.ts';

const spec: LookupSpec = { command: 'sources', kinds: ['source'], noun: 'source' };

export default {
  data: {
    name: 'sources',
    description: 'The articles behind the data: publisher, date and authors',
    ...AVAILABLE_EVERYWHERE,
  },
  execute: (request) => answerLookup(spec, request, ''),
  component: (request) => answerLookupPage(spec, request),
  cooldown: true,
} satisfies Command;
