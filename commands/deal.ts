// /deal [query]: a deal with its parties, company, value, quantity, status and caveats; paging through every match.
import { lookupCommand } from '../src/interaction/lookup.ts';

export default lookupCommand({ command: 'deal', kinds: ['deal'], noun: 'deal' }, 'Find a deal by company, country or product', {
  name: 'query',
  description: 'A company (Boeing), a country (Kazakhstan) or a product (locomotives); empty for all deals',
});
