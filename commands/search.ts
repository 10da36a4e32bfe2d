// /search query [kind]: every kind of entry at once, or one kind; the same paging as the other lookups.
import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import type { EntryKind } from '../src/data/dataset.ts';
import { decodePageState } from '../src/interaction/custom-id.ts';
import { answerLookup, answerLookupPage, lookupChoices, type LookupSpec } from '../src/interaction/lookup.ts';
import { AVAILABLE_EVERYWHERE, type Command } from '../src/interaction/types.ts';
import { catalogue as messagesIn } from '../src/messages.ts';

const KINDS: readonly EntryKind[] = ['quote', 'deal', 'fact', 'entity', 'source'];

function isKind(value: string | undefined): value is EntryKind {
  return KINDS.some((kind) => kind === value);
}

/** The lookup for one kind, or for everything when the kind is absent or not one we know. */
function specFor(kind: string | undefined): LookupSpec {
  if (isKind(kind)) return { command: 'search', kinds: [kind], noun: kind };
  return { command: 'search', kinds: ['entity', 'quote', 'deal', 'fact', 'source'], noun: 'entry' };
}

export default {
  data: {
    name: 'search',
    description: 'Search everything: quotes, deals, facts, people and articles',
    ...AVAILABLE_EVERYWHERE,
    options: [
      {
        type: ApplicationCommandOptionType.String,
        name: 'query',
        description: 'Any name, words or topic',
        required: true,
        autocomplete: true,
        max_length: 100,
      },
      {
        type: ApplicationCommandOptionType.String,
        name: 'kind',
        description: 'Only this kind of entry',
        choices: KINDS.map((value) => ({ name: messagesIn('en').kinds[value], value })),
      },
    ],
  },
  autocomplete: (request) => lookupChoices(specFor(request.options.string('kind')), request),
  execute: (request) => {
    const kind = request.options.string('kind');
    return answerLookup(specFor(kind), request, request.options.string('query'), isKind(kind) ? kind : '');
  },
  component: (request) => answerLookupPage(specFor(decodePageState(request.customId)?.kind), request),
  cooldown: true,
} satisfies Command;
