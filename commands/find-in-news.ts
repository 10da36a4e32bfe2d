// "Find in the news" (right-click a message → Apps): what the data holds about the names and topics a message mentions.
import { ApplicationCommandType } from 'discord-api-types/v10';
import { answerLookup, answerLookupPage, type LookupSpec } from '../src/interaction/lookup.ts';
import { AVAILABLE_EVERYWHERE, type Command, type TargetMessage } from '../src/interaction/types.ts';
import { messages } from '../src/messages.ts';
import { findMentions } from '../src/search/mentions.ts';

/** The name Discord shows in the Apps menu; its buttons carry the short name `find`. */
export const FIND_IN_NEWS = 'Find in the news';

const spec: LookupSpec = {
  command: 'find',
  kinds: ['entity', 'quote', 'deal', 'fact'],
  noun: 'entry',
  // The query is the list of names and topics the message mentioned: short enough for the buttons' custom_id, and
  // it leads to the same entries on every page.
  find: (snapshot, terms) => findMentions(snapshot.dataset, terms).entries,
  private: true,
};

function textOf(message: TargetMessage): string {
  return [message.content, message.embedText].filter(Boolean).join('\n');
}

/** Room for the query in a button's custom_id, after the page state's other fields. */
const MAX_TERMS_LENGTH = 50;

/** The mentioned terms that fit in a button's state, in order of first mention. */
function termsQuery(terms: readonly string[]): string {
  let query = '';
  for (const term of terms) {
    const next = query ? `${query} ${term}` : term;
    if (next.length > MAX_TERMS_LENGTH) break;
    query = next;
  }
  return query;
}

export default {
  data: { type: ApplicationCommandType.Message, name: FIND_IN_NEWS, ...AVAILABLE_EVERYWHERE },
  customIdName: 'find',
  execute: (request) => {
    const text = request.targetMessage ? textOf(request.targetMessage) : '';
    if (!text.trim()) return { content: messages.messageHasNoText, ephemeral: true };
    const query = termsQuery(findMentions(request.snapshot.dataset, text).terms);
    if (!query) return { content: messages.messageMentionsNothing, ephemeral: true };
    return answerLookup(spec, request, query);
  },
  component: (request) => answerLookupPage(spec, request),
  cooldown: true,
} satisfies Command;
