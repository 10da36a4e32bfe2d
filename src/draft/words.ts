// The vocabulary of English news attribution: which words report speech, name a role, head an organisation's name.

/** Forms of a regular verb: "praise" → praise, praises, praised, praising. */
function regular(base: string): string[] {
  if (base.endsWith('e')) return [base, `${base}s`, `${base}d`, `${base.slice(0, -1)}ing`];
  if (/[^aeiou]y$/.test(base)) return [base, `${base.slice(0, -1)}ies`, `${base.slice(0, -1)}ied`, `${base}ing`];
  return [base, `${base}s`, `${base}ed`, `${base}ing`];
}

/**
 * Verbs that attribute words to their subject, in every form: said, told, added, wrote, and the speech acts news
 * writing uses around fragments (called, described, praised, promised, thanked…).
 */
export const SPEECH_VERBS: ReadonlySet<string> = new Set([
  ...['say', 'says', 'said', 'saying', 'tell', 'tells', 'told', 'telling', 'write', 'writes', 'wrote', 'written', 'writing'],
  ...['speak', 'speaks', 'spoke', 'spoken', 'speaking', 'put', 'puts', 'putting', 'quip', 'quips', 'quipped', 'quipping'],
  ...['call', 'add', 'ask', 'answer', 'explain', 'argue', 'insist', 'claim', 'declare', 'state', 'announce', 'warn', 'promise']
    .flatMap(regular),
  ...['pledge', 'vow', 'acknowledge', 'admit', 'concede', 'recall', 'suggest', 'urge', 'describe', 'praise', 'thank', 'laud']
    .flatMap(regular),
  ...['criticize', 'criticise', 'complain', 'joke', 'tweet', 'post', 'recount', 'conclude', 'predict', 'observe', 'remark']
    .flatMap(regular),
  ...['respond', 'counter', 'contend', 'maintain', 'stress', 'emphasize', 'emphasise', 'testify', 'confirm', 'deny', 'boast']
    .flatMap(regular),
  ...['lament', 'muse', 'whisper', 'shout', 'reply', 'continue', 'note', 'assert', 'mention', 'hail', 'dismiss', 'accuse']
    .flatMap(regular),
  ...['deride', 'condemn', 'denounce', 'welcome', 'blame', 'caution', 'scoff', 'protest', 'exclaim', 'proclaim', 'characterize']
    .flatMap(regular),
  'characterise', 'characterised', 'characterises', 'characterising',
]);


/** Words before a name that are courtesy titles, and the gender they imply when they do. */
export const HONORIFICS: ReadonlyMap<string, 'm' | 'f' | undefined> = new Map<string, 'm' | 'f' | undefined>([
  ['Mr.', 'm'], ['Mr', 'm'], ['Mrs.', 'f'], ['Mrs', 'f'], ['Ms.', 'f'], ['Ms', 'f'], ['Miss', 'f'], ['Mx.', undefined],
  ['Dr.', undefined], ['Dr', undefined], ['Prof.', undefined], ['Sir', 'm'], ['Dame', 'f'], ['Lord', 'm'], ['Lady', 'f'],
  ['Sen.', undefined], ['Rep.', undefined], ['Gov.', undefined], ['Gen.', undefined], ['Col.', undefined], ['Lt.', undefined],
  ['Capt.', undefined], ['Sgt.', undefined], ['Adm.', undefined], ['Rev.', undefined], ['Sheikh', 'm'], ['Mme.', 'f'], ['M.', 'm'],
]);

/** Titles written before a name ("President X", "Prime Minister X"); they become the person's role. */
export const TITLE_WORDS: ReadonlySet<string> = new Set([
  'President', 'Vice', 'Prime', 'Minister', 'Foreign', 'Finance', 'Defense', 'Defence', 'Secretary', 'Senator', 'Governor',
  'Mayor', 'King', 'Queen', 'Prince', 'Princess', 'Emperor', 'Chancellor', 'Pope', 'Cardinal', 'Archbishop', 'Bishop',
  'General', 'Admiral', 'Ambassador', 'Judge', 'Justice', 'Chief', 'Executive', 'Chairman', 'Chairwoman', 'Chair',
  'Speaker', 'Leader', 'Representative', 'Commissioner', 'Premier', 'Deputy', 'Former', 'Crown', 'Emir', 'Sultan',
  'Ayatollah', 'Supreme', 'Commerce', 'State', 'Treasury', 'Attorney', 'Inspector', 'Director', 'Professor', 'Coach',
  'Officer', 'Colonel', 'Captain', 'Lieutenant', 'Sergeant', 'Major', 'Patriarch', 'Rabbi', 'Imam', 'Father', 'Sister',
]);


/** Last words of organisations' names ("Hudson Institute", "Cove Capital", "Kazakh Parliament"). */
export const ORGANISATION_HEADS: ReadonlySet<string> = new Set([
  'Institute', 'Institution', 'Center', 'Centre', 'University', 'College', 'Capital', 'Company', 'Co.', 'Corporation',
  'Corp.', 'Inc.', 'Ltd.', 'LLC', 'PLC', 'AG', 'SA', 'Group', 'Bank', 'Fund', 'Ministry', 'Department', 'Council',
  'Parliament', 'Congress', 'Senate', 'Assembly', 'Duma', 'Court', 'Commission', 'Agency', 'Party', 'Times', 'Post',
  'News', 'Journal', 'Herald', 'Tribune', 'Gazette', 'Association', 'Foundation', 'Union', 'Organization',
  'Organisation', 'Committee', 'Office', 'Board', 'Authority', 'Airlines', 'Airways', 'Motors', 'Holdings', 'Partners',
  'Systems', 'Technologies', 'Labs', 'Laboratories', 'Network', 'Club', 'Church', 'Army', 'Navy', 'Police', 'Reuters',
  'Press', 'Watch', 'International', 'Alliance', 'Federation', 'League', 'Society', 'Forum', 'Service', 'Services',
  'Industries', 'Pharmaceuticals', 'Energy', 'Petroleum', 'Oil', 'Gas', 'Railways', 'Railway', 'Telegraph', 'Guardian',
  'Economist', 'Bureau', 'Administration', 'Cabinet', 'Kremlin', 'Pentagon', 'Secretariat', 'Caucus', 'Coalition',
]);

/** Nouns in an apposition that say the name before them is a person ("X, a professor of…, said"). */
export const PERSON_ROLE_NOUNS: ReadonlySet<string> = new Set([
  'president', 'minister', 'secretary', 'senator', 'governor', 'mayor', 'professor', 'analyst', 'economist', 'researcher',
  'fellow', 'scholar', 'expert', 'director', 'chief', 'executive', 'chairman', 'chairwoman', 'chair', 'founder', 'leader',
  'ruler', 'spokesman', 'spokeswoman', 'spokesperson', 'official', 'ambassador', 'diplomat', 'envoy', 'adviser', 'advisor',
  'aide', 'correspondent', 'reporter', 'journalist', 'editor', 'lawyer', 'attorney', 'judge', 'commander', 'general',
  'officer', 'activist', 'historian', 'author', 'writer', 'manager', 'partner', 'owner', 'lawmaker', 'legislator',
  'member', 'head', 'dictator', 'strongman', 'king', 'queen', 'prince', 'premier', 'chancellor', 'candidate', 'politician',
  'scientist', 'doctor', 'physician', 'student', 'teacher', 'resident', 'farmer', 'worker', 'banker', 'investor', 'trader',
  'consultant', 'strategist', 'pollster', 'organizer', 'organiser', 'coordinator', 'representative', 'deputy', 'speaker',
  'negotiator', 'prosecutor', 'chairperson', 'ceo', 'cofounder', 'co-founder', 'veteran', 'mother', 'father', 'widow',
  'son', 'daughter', 'wife', 'husband', 'brother', 'sister', 'colonel', 'captain', 'sergeant', 'soldier', 'pilot',
]);

/** Nouns in an apposition, or just before a name, that say it is an organisation ("Cove Capital, a mining firm"). */
export const ORGANISATION_NOUNS: ReadonlySet<string> = new Set([
  'firm', 'company', 'group', 'organization', 'organisation', 'institute', 'tank', 'nonprofit', 'non-profit', 'charity',
  'agency', 'ministry', 'bank', 'fund', 'university', 'newspaper', 'airline', 'carrier', 'maker', 'manufacturer',
  'producer', 'startup', 'start-up', 'party', 'union', 'council', 'committee', 'corporation', 'conglomerate', 'giant',
  'publisher', 'broadcaster', 'network', 'outlet', 'developer', 'operator', 'retailer', 'lender', 'insurer', 'automaker',
  'chipmaker', 'miner', 'supplier', 'contractor', 'consultancy', 'watchdog', 'regulator', 'court', 'parliament',
  'legislature', 'government', 'administration', 'coalition', 'alliance', 'movement', 'militia', 'association',
  'federation', 'foundation', 'center', 'centre', 'club', 'team', 'band', 'label', 'studio', 'platform', 'service',
]);

/** Head nouns of anonymous sources ("a senior official", "two people familiar with the talks"). */
export const SOURCE_NOUNS: ReadonlySet<string> = new Set([
  'official', 'officials', 'spokesman', 'spokeswoman', 'spokesperson', 'diplomat', 'diplomats', 'aide', 'aides',
  'source', 'sources', 'person', 'people', 'officer', 'officers', 'executive', 'executives', 'adviser', 'advisers',
  'advisor', 'advisors', 'lawmaker', 'lawmakers', 'member', 'members', 'employee', 'employees', 'staffer', 'staffers',
  'insider', 'insiders', 'analyst', 'analysts', 'resident', 'residents', 'witness', 'witnesses', 'negotiator',
  'negotiators', 'investigator', 'investigators', 'minister', 'ministers', 'commander', 'commanders', 'manager', 'managers',
  'critics', 'supporters', 'opponents', 'experts', 'observers', 'activists', 'economists', 'protesters', 'organizers',
]);

/** Determiners that open an anonymous source: "a", "one", "two"… */
export const SOURCE_DETERMINERS: ReadonlySet<string> = new Set([
  'a', 'an', 'one', 'two', 'three', 'four', 'five', 'several', 'some', 'other', 'another', 'many', 'multiple', 'numerous',
]);

/** Small words that stay lowercase inside a title ("Freedom in the World"). */
export const TITLE_SMALL_WORDS: ReadonlySet<string> = new Set([
  'a', 'an', 'the', 'and', 'or', 'nor', 'but', 'of', 'in', 'on', 'at', 'to', 'for', 'with', 'by', 'from', 'as', 'vs.', 'vs',
  'de', 'la', 'le', 'du', 'von', 'van', 'into', 'over', 'per', 'via', 'is',
]);

/** Words just before a quotation that say it is a name, a term or a scare quote, not anyone's words. */
export const NOT_SPOKEN_CUES: readonly string[] = [
  'so-called', 'so called', 'known as', 'dubbed', 'nicknamed', 'branded', 'billed as', 'referred to as', 'the term',
  'the word', 'the phrase', 'the slogan', 'the motto', 'the hashtag', 'titled', 'entitled', 'labeled', 'labelled',
  'named', 'the name', 'under the banner',
];

/** Nouns right after a Title-Case quotation that make it a title ("the “Freedom in the World” index"). */
export const TITLE_NOUNS: ReadonlySet<string> = new Set([
  'index', 'program', 'programme', 'initiative', 'campaign', 'report', 'plan', 'act', 'bill', 'law', 'doctrine', 'policy',
  'project', 'operation', 'festival', 'award', 'prize', 'summit', 'book', 'film', 'movie', 'documentary', 'song', 'album',
  'series', 'show', 'podcast', 'column', 'exhibition', 'list', 'ranking', 'survey', 'study', 'strategy', 'agenda', 'plan',
  'movement', 'party', 'group', 'channel', 'newsletter', 'event', 'conference', 'tour', 'app', 'game', 'play', 'novel',
]);

/** Subject pronouns and what they can refer to. */
export const SUBJECT_PRONOUNS: ReadonlyMap<string, 'he' | 'she' | 'it' | 'they'> = new Map([
  ['he', 'he'], ['she', 'she'], ['it', 'it'], ['they', 'they'],
]);

/** Words that are capitalised but never part of a name in news text. */
export const NOT_NAMES: ReadonlySet<string> = new Set([
  'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday', 'January', 'February', 'March', 'April',
  'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December', 'Jan.', 'Feb.', 'Mar.', 'Apr.', 'Jun.',
  'Jul.', 'Aug.', 'Sept.', 'Sep.', 'Oct.', 'Nov.', 'Dec.', 'I', 'Advertisement', 'Credit', 'Photo', 'ET', 'EST', 'GMT',
  'UTC', 'A.M.', 'P.M.', 'AM', 'PM', 'The', 'A', 'An', 'But', 'And', 'Or', 'In', 'On', 'At', 'For', 'With', 'By', 'It',
  'He', 'She', 'They', 'We', 'You', 'This', 'That', 'These', 'Those', 'His', 'Her', 'Their', 'Its', 'Our', 'My', 'Your',
]);

/** Name suffixes that are not a surname ("Joseph R. Biden Jr."). */
export const NAME_SUFFIXES: ReadonlySet<string> = new Set(['Jr.', 'Jr', 'Sr.', 'Sr', 'II', 'III', 'IV']);
