// /fact [query]: a fact in our own words, with its subjects, figures, date and source.
import { lookupCommand } from '../src/interaction/lookup.ts';

export default lookupCommand({ command: 'fact', kinds: ['fact'], noun: 'fact' }, 'Find a fact or figure from the articles', {
  name: 'query',
  description: 'A name, country or topic (political prisoners, Freedom House); empty for all facts',
});
