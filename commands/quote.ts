// /quote [query]: a quote with its speaker, context, date and source; paging through every match.
import { lookupCommand } from '../src/interaction/lookup.ts';

export default lookupCommand({ command: 'quote', kinds: ['quote'], noun: 'quote' }, 'Find a quote by speaker, words or topic', {
  name: 'query',
  description: 'A speaker (Tokayev), words (“open for business”) or a topic; empty for all quotes',
});
