// /who name: a person, organisation or country: role, aliases and what the data holds about them.
import { lookupCommand } from '../src/interaction/lookup.ts';

export default lookupCommand(
  { command: 'who', kinds: ['entity'], noun: 'entity' },
  'Who is this? A person, organisation or country in the articles',
  { name: 'name', description: 'A name, in any common spelling (Tokayev, Tokaev, Токаев)', required: true },
);
