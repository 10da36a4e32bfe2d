// Queries people type, labelled with the entries they are looking for. Shared by the recall test and the benchmark.
import type { EntryKind } from '../../src/data/dataset.ts';

export interface LabelledQuery {
  readonly query: string;
  /** What the query exercises: exact name, typo, alias, Cyrillic, multi-word, company, country, product, topic. */
  readonly tag: 'exact' | 'typo' | 'alias' | 'cyrillic' | 'multi-word' | 'company' | 'country' | 'product' | 'topic';
  /** Search only these kinds, as /quote, /deal, /fact and /who do. */
  readonly kinds?: readonly EntryKind[];
  /** Every entry the user expects to find; the first is the one they expect on top. */
  readonly expected: readonly string[];
}

const TOKAYEV_QUOTES = [
  'q-tokayev-properly-present',
  'q-tokayev-common-ground',
  'q-tokayev-pleased-china-deal',
  'q-tokayev-efficiency-pragmatism',
  'q-tokayev-nothing-to-do',
  'q-tokayev-instill-values',
  'q-tokayev-traditional-moral-values',
  'q-tokayev-inspires-me',
  'q-tokayev-law-and-order',
];
const LUTNICK_QUOTES = ['q-lutnick-open-for-business', 'q-lutnick-complete-change', 'q-lutnick-economy-on-fire', 'q-lutnick-feel-it'];
const BOEING_DEALS = ['d-central-asian-airlines-boeing', 'd-uzbekistan-boeing-dreamliners'];
const KAZAKH_DEALS = [
  'd-kazakhstan-ai-chips',
  'd-kazakhstan-locomotives',
  'd-cove-capital-tungsten',
  'd-central-asian-airlines-boeing',
  'd-john-deere-agricultural-machinery',
];

export const LABELLED_QUERIES: readonly LabelledQuery[] = [
  // Exact names
  { query: 'Tokayev', tag: 'exact', kinds: ['quote'], expected: TOKAYEV_QUOTES },
  { query: 'Lutnick', tag: 'exact', kinds: ['quote'], expected: LUTNICK_QUOTES },
  { query: 'Kassym-Jomart Tokayev', tag: 'exact', kinds: ['entity'], expected: ['kassym-jomart-tokayev'] },
  { query: 'Temur Umarov', tag: 'exact', kinds: ['quote'], expected: ['q-umarov-more-comfortable', 'q-umarov-only-business'] },
  { query: 'Gerard Toal', tag: 'exact', kinds: ['quote'], expected: ['q-toal-independent-agency', 'q-toal-multiple-options'] },
  { query: 'Luke Coffey', tag: 'exact', kinds: ['quote'], expected: ['q-coffey-transactionalism'] },
  { query: 'Cove Capital', tag: 'exact', kinds: ['deal'], expected: ['d-cove-capital-tungsten'] },
  { query: 'Viasna', tag: 'exact', kinds: ['fact'], expected: ['f-viasna-political-prisoners'] },
  { query: 'Lukashenko', tag: 'exact', kinds: ['entity'], expected: ['aleksandr-lukashenko'] },
  { query: 'Biden', tag: 'exact', kinds: ['quote'], expected: ['q-biden-vast-mineral-wealth'] },
  // Typos
  { query: 'tokaev', tag: 'typo', kinds: ['quote'], expected: TOKAYEV_QUOTES },
  { query: 'tokayv', tag: 'typo', kinds: ['quote'], expected: TOKAYEV_QUOTES },
  { query: 'lutnik', tag: 'typo', kinds: ['quote'], expected: LUTNICK_QUOTES },
  { query: 'boing', tag: 'typo', kinds: ['deal'], expected: BOEING_DEALS },
  { query: 'dreamliners', tag: 'typo', kinds: ['deal'], expected: ['d-uzbekistan-boeing-dreamliners'] },
  { query: 'lukashenk', tag: 'typo', kinds: ['entity'], expected: ['aleksandr-lukashenko'] },
  { query: 'umarof', tag: 'typo', kinds: ['quote'], expected: ['q-umarov-more-comfortable', 'q-umarov-only-business'] },
  { query: 'tungstn', tag: 'typo', kinds: ['deal'], expected: ['d-cove-capital-tungsten'] },
  { query: 'locomotivs', tag: 'typo', kinds: ['deal'], expected: ['d-kazakhstan-locomotives'] },
  // Aliases and transliterations
  { query: 'Mirziyoev', tag: 'alias', kinds: ['entity'], expected: ['shavkat-mirziyoyev'] },
  { query: 'Lukashenka', tag: 'alias', kinds: ['entity'], expected: ['aleksandr-lukashenko'] },
  { query: 'commerce secretary', tag: 'alias', kinds: ['quote'], expected: LUTNICK_QUOTES },
  { query: 'anonymous official', tag: 'alias', kinds: ['quote'], expected: ['q-official-g2g', 'q-official-b2b'] },
  { query: 'Kremlin', tag: 'alias', kinds: ['entity'], expected: ['russia'] },
  // Cyrillic
  { query: 'Токаев', tag: 'cyrillic', kinds: ['quote'], expected: TOKAYEV_QUOTES },
  { query: 'Лукашенко', tag: 'cyrillic', kinds: ['entity'], expected: ['aleksandr-lukashenko'] },
  { query: 'Мирзиёев', tag: 'cyrillic', kinds: ['entity'], expected: ['shavkat-mirziyoyev'] },
  { query: 'Лютник', tag: 'cyrillic', kinds: ['quote'], expected: LUTNICK_QUOTES },
  { query: 'Казахстан', tag: 'cyrillic', kinds: ['deal'], expected: KAZAKH_DEALS },
  // Multi-word
  { query: 'boeing uzbekistan', tag: 'multi-word', kinds: ['deal'], expected: BOEING_DEALS },
  { query: 'boeing dreamliner jets', tag: 'multi-word', kinds: ['deal'], expected: ['d-uzbekistan-boeing-dreamliners'] },
  { query: 'kazakhstan ai chips', tag: 'multi-word', kinds: ['deal'], expected: ['d-kazakhstan-ai-chips'] },
  { query: 'economy on fire', tag: 'multi-word', kinds: ['quote'], expected: ['q-lutnick-economy-on-fire'] },
  { query: 'only business', tag: 'multi-word', kinds: ['quote'], expected: ['q-umarov-only-business'] },
  { query: 'trump route corridor', tag: 'multi-word', kinds: ['deal'], expected: ['d-trump-route-corridor'] },
  { query: 'law and order', tag: 'multi-word', kinds: ['quote'], expected: ['q-tokayev-law-and-order', 'q-tokayev-inspires-me'] },
  { query: 'political prisoners belarus', tag: 'multi-word', kinds: ['fact'], expected: ['f-viasna-political-prisoners', 'f-belarus-releases-prisoners'] },
  // Deals by company, country and product
  { query: 'boeing', tag: 'company', kinds: ['deal'], expected: BOEING_DEALS },
  { query: 'john deere', tag: 'company', kinds: ['deal'], expected: ['d-john-deere-agricultural-machinery'] },
  { query: 'nvidia', tag: 'company', kinds: ['deal'], expected: ['d-kazakhstan-ai-chips'] },
  { query: 'openai', tag: 'company', kinds: ['deal'], expected: ['d-kazakhstan-ai-chips'] },
  { query: 'kazakhstan', tag: 'country', kinds: ['deal'], expected: KAZAKH_DEALS },
  { query: 'uzbek', tag: 'country', kinds: ['deal'], expected: ['d-uzbekistan-boeing-dreamliners', 'd-central-asian-airlines-boeing', 'd-john-deere-agricultural-machinery'] },
  { query: 'kyrgyzstan', tag: 'country', kinds: ['deal'], expected: ['d-kyrgyzstan-rail-services'] },
  { query: 'belarus', tag: 'country', kinds: ['deal'], expected: ['d-belarus-prisoners-sanctions-relief'] },
  { query: 'azerbaijan', tag: 'country', kinds: ['deal'], expected: ['d-trump-route-corridor', 'd-armenia-azerbaijan-peace-pledge'] },
  { query: 'locomotives', tag: 'product', kinds: ['deal'], expected: ['d-kazakhstan-locomotives'] },
  { query: 'tungsten', tag: 'product', kinds: ['deal'], expected: ['d-cove-capital-tungsten'] },
  { query: 'tractors agricultural machinery', tag: 'product', kinds: ['deal'], expected: ['d-john-deere-agricultural-machinery'] },
  { query: 'rail', tag: 'product', kinds: ['deal'], expected: ['d-kyrgyzstan-rail-services'] },
  { query: 'chips', tag: 'product', kinds: ['deal'], expected: ['d-kazakhstan-ai-chips'] },
  // Topics and facts
  { query: 'freedom house', tag: 'topic', kinds: ['fact'], expected: ['f-turkmenistan-freedom-house-ranking'] },
  { query: '1998', tag: 'topic', kinds: ['fact'], expected: ['f-turkmenistan-first-visit-since-1998'] },
  { query: 'lgbt propaganda', tag: 'topic', kinds: ['fact'], expected: ['f-kazakh-lgbt-propaganda-bill'] },
  { query: 'sanctions relief', tag: 'topic', kinds: ['deal'], expected: ['d-belarus-prisoners-sanctions-relief'] },
];
