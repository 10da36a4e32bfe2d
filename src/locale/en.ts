// The bot's words in English: the reference catalogue. Every other language mirrors it key for key (see ru.ts), and a
// test fails when one does not. The data itself is never translated: it stays as the article wrote it.
import { escapeMarkdown } from '../format/text.ts';

/** What a lookup searches, for the sentences that name it. `entry` is every kind at once. */
export type NounKind = 'quote' | 'deal' | 'fact' | 'entity' | 'source' | 'entry';

const quoted = (text: string): string => `“${escapeMarkdown(text)}”`;
const number = (value: number): string => value.toLocaleString('en-US');
const plural = (count: number, one: string, many: string): string => `${number(count)} ${count === 1 ? one : many}`;
const code = (text: string): string => `\`${text.replace(/`/g, "'")}\``;

const NOUNS: Readonly<Record<NounKind, { readonly one: string; readonly many: string }>> = Object.freeze({
  quote: { one: 'quote', many: 'quotes' },
  deal: { one: 'deal', many: 'deals' },
  fact: { one: 'fact', many: 'facts' },
  entity: { one: 'person or organisation', many: 'people and organisations' },
  source: { one: 'article', many: 'articles' },
  entry: { one: 'entry', many: 'entries' },
});

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export const en = {
  /** BCP 47 tag for numbers and dates. */
  tag: 'en-US',
  /** A command's name as this language's users see it in Discord (`/quote`). */
  commandName: (name: string): string => name,
  messages: {
    noMatch: (kind: NounKind, query: string) => `No ${NOUNS[kind].one} matches ${quoted(query)}.`,
    didYouMean: (suggestions: readonly string[]) => `Did you mean ${suggestions.map(quoted).join(', ')}?`,
    searchTips: 'Try a surname (“Tokayev”), a company (“Boeing”), a country (“Kazakh”) or a product (“locomotives”).',
    emptyKind: (kind: NounKind) => `There are no ${NOUNS[kind].many} in the data yet.`,
    matchListTitle: (count: number, kind: NounKind, query: string) =>
      query ? `${number(count)} ${NOUNS[kind].many} match ${quoted(query)}` : `All ${number(count)} ${NOUNS[kind].many}`,
    notYourButtons: (command: string, query: string) =>
      `These buttons belong to whoever ran the command. Run \`/${command}${query ? ` ${query.replace(/`/g, "'")}` : ''}\` to browse these results yourself.`,
    staleButton: 'This button is no longer valid. Run the command again.',
    staleForm: 'This form is no longer valid. Run the command again.',
    restarting: 'I’m restarting right now. Try again in a moment.',
    restartedBeforeFinishing: 'I was restarted before I could finish this. Try again in a moment.',
    restartedDuringChange: 'I was restarted while this was running. Check `/data status` in a moment to see whether the change went through.',
    resultsGone: 'Those results are no longer in the data. Run the command again.',
    postPublicly: 'Post in the channel',
    messageHasNoText: 'That message has no text to look up (only images, files or stickers).',
    messageMentionsNothing: 'Nothing in the data matches the people, organisations, countries or topics this message mentions.',
    unknownCommand: (name: string) => `I don’t know the command \`/${name.replace(/`/g, "'")}\`. Try \`/help\`.`,
    missingOption: (name: string) => `The option \`${name}\` is required.`,
    cooldown: (seconds: number) => `You’re going a little fast: try again in ${seconds} s.`,
    internalError: (reference: string) =>
      `Sorry, something went wrong on my side. If it keeps happening, tell the bot’s operator this reference: \`${reference}\`.`,
    guildOnly: 'This command works in servers only.',
    notModerator: 'Only moderators can use this command: you need the Manage Server permission or a moderator role.',
    dataManagedElsewhere:
      'The data is shared by every server that uses this bot, so it is managed only in the bot’s home server, by its moderators. Ask there to add or correct something.',
    dataManagementOff: 'Data management is turned off: the bot’s operator has not named a home server for the data (DATA_GUILD_IDS).',
    unknownSubcommand: (command: string, sub: string) => `\`/${command}\` has no subcommand “${escapeMarkdown(sub)}”. Try \`/help\`.`,
    dataUnavailable: 'Data management is not available in this process.',
    dataUnchanged: (version: string) => `Nothing changed: version ${code(version)} is already live.`,
    importExpired: 'This import preview has expired or was already handled. Upload the file again with `/data import`.',
    importCancelled: 'Import cancelled. Nothing was changed.',
    importStale: (version: string) => `The data changed since this preview (version ${code(version)} is live now). Run \`/data import\` again to see the new diff.`,
    notYourImport: 'Only the moderator who uploaded this file can confirm or cancel it.',
    exported: (count: number, version: string) => `Exported ${plural(count, 'article file', 'article files')} of version ${code(version)}.`,
  },
  /** Counts written for people: "22 quotes". */
  counts: {
    quotes: (count: number) => plural(count, 'quote', 'quotes'),
    deals: (count: number) => plural(count, 'deal', 'deals'),
    facts: (count: number) => plural(count, 'fact', 'facts'),
    entities: (count: number) => plural(count, 'person or organisation', 'people and organisations'),
    articles: (count: number) => plural(count, 'article', 'articles'),
  },
  /** Field names and fixed phrases of the entry embeds. */
  embed: {
    context: 'Context',
    said: 'Said',
    quotedAs: 'Quoted as',
    fullStatement: 'Full statement',
    withinSentence: 'Words within the reporter’s sentence',
    topics: 'Topics',
    parties: 'Parties',
    company: 'Company',
    counterparty: 'Counterparty',
    notNamed: 'Not named',
    value: 'Value',
    notGiven: 'Not given',
    quantity: 'Quantity',
    status: 'Status',
    date: 'Date',
    notes: 'Notes',
    caveats: 'Caveats',
    about: 'About',
    figures: 'Figures',
    type: 'Type',
    country: 'Country',
    id: 'Id',
    alsoWritten: 'Also written',
    inTheData: 'In the data',
    quotes: 'Quotes',
    deals: 'Deals',
    publisher: 'Publisher',
    published: 'Published',
    authors: 'Authors',
    link: 'Link',
    sourceId: (id: string) => `Source id: ${id}`,
    unknownSource: (id: string) => `Source: ${id}`,
    earlier: (count: number) => `… ${number(count)} before`,
    later: (count: number) => `… ${number(count)} more`,
  },
  status: {
    committed: 'Committed',
    promised: 'Promised',
    announced: 'Announced',
    agreed: 'Agreed',
    approved: 'Approved',
    completed: 'Completed',
    reported: 'Reported',
    unclear: 'Unclear',
  },
  entityType: { person: 'Person', organisation: 'Organisation', country: 'Country' },
  /** Buttons and menus of a result list. */
  paging: {
    previous: '◀ Previous',
    next: 'Next ▶',
    jump: (count: number, kind: NounKind) => `Jump to one of the ${number(count)} ${NOUNS[kind].many}…`,
  },
  /** Labels of /search's kind choices, as members see them. */
  kinds: { quote: 'Quotes', deal: 'Deals', fact: 'Facts', entity: 'People and organisations', source: 'Articles' },
  help: {
    title: 'Newsdesk: quotes, deals and facts from the news',
    description:
      'Search verbatim quotes, deals, facts and people taken from news articles. Every answer shows its source. ' +
      'Names forgive typos and other spellings (Tokaev, Токаев), and results with several matches have buttons to page through them.',
    inTheData: 'In the data now',
    messageCommandName: (name: string) => `Apps → ${name}`,
    messageCommand:
      'Right-click (or long-press) any message, then Apps: what the data holds about the people, companies, countries and topics it mentions, shown only to you.',
    examples: {
      quote: '`/quote Tokayev` · `/quote open for business`',
      deal: '`/deal boeing` · `/deal kazakhstan` · `/deal locomotives`',
      fact: '`/fact political prisoners` · `/fact Turkmenistan`',
      who: '`/who Lutnick` · `/who Токаев`',
      search: '`/search query:tungsten` · `/search query:Kazakh kind:Deals`',
      sources: '`/sources`',
    },
  },
  /** /data: what moderators read. Validation problems and storage details are quoted as the checks word them. */
  data: {
    liveData: 'Live data',
    version: 'Version',
    liveSince: 'Live since',
    entries: 'Entries',
    articles: (count: number) => `Articles (${number(count)})`,
    articleLine: (file: string, subject: string, entries: number) => `• ${file}: ${subject} (${plural(entries, 'entry', 'entries')})`,
    andMore: (count: number) => `… and ${number(count)} more`,
    lastChange: 'Last change',
    changeBy: (action: string, who: string, when: string) => `${action} by ${who}, ${when}`,
    noChangeYet: 'No change recorded yet.',
    readFrom: 'Read from',
    shards: 'Shards',
    shardLine: (shard: number) => `shard ${number(shard)}`,
    allShardsSame: (count: number) => `All ${number(count)} shards serve the same version.`,
    notAllShards: 'Not every shard serves the live version yet.',
    attention: 'Needs attention',
    note: 'Note',
    versionLive: (from: string, to: string) => `Version ${code(from)} → ${code(to)} is live now.`,
    whatChanged: 'What changed',
    noEntriesChanged: 'No entries changed.',
    nothingChanged: (count: number) => `Nothing was changed. ${plural(count, 'problem', 'problems')}:`,
    fileValid: 'The file is valid: nothing was applied',
    wouldChangeFile: (replaces: boolean, file: string, from: string, to: string) =>
      `It would ${replaces ? 'replace' : 'add'} ${code(file)}; the data would go from ${code(from)} to ${code(to)}.`,
    itWouldChange: 'It would change',
    itWillChange: 'It will change',
    noEntriesSame: 'No entries (the file matches the live data).',
    importPreview: (replaces: boolean, file: string) => `Import preview: ${replaces ? 'replaces' : 'adds'} ${file}`,
    changePreview: (action: 'edit' | 'add' | 'remove', kind: string, id: string) => `${{ edit: 'Edit', add: 'Add', remove: 'Remove' }[action]} preview: ${kind} ${id}`,
    previewDescription: (from: string, to: string, expires: string) =>
      `From version ${code(from)} to ${code(to)}. Nothing is applied until you confirm; this preview expires ${expires}.`,
    formsInDiscord: 'This opens a form, which only Discord can show. In the terminal, change an entry with /data export, then /data import of the edited file.',
    confirmImport: 'Confirm import',
    confirmChange: 'Confirm',
    cancel: 'Cancel',
    reloadRefused: 'Reload refused: the data directory has problems',
    reloaded: 'Data reloaded',
    fileNotValid: 'The file is not valid',
    importRefused: 'Import refused: the file is not valid',
    importNoLongerValid: 'Import refused: the file no longer validates against the live data',
    draftNoLongerValid: 'Import refused: the draft no longer validates against the live data',
    importApplied: 'Import applied',
    changeApplied: (action: 'edit' | 'add' | 'remove', id: string) => `${{ edit: 'Edited', add: 'Added', remove: 'Removed' }[action]} ${id}`,
    changeRefused: 'Refused: the change does not validate',
    rollbackRefused: 'Rollback refused: that version does not validate any more',
    rolledBack: (version: string) => `Rolled back: ${version} is live now`,
    busy: 'Another data change is in progress. Try again in a moment.',
    noHistory: 'There is no earlier version to roll back to.',
    unknownVersion: (version: string) => `Version ${version} is not in the kept history. Pick one from the suggestions.`,
    unknownArticle: (article: string) => `There is no article “${escapeMarkdown(article)}” in the data. Pick one from the suggestions.`,
    unknownEntry: (id: string) => `There is no quote, deal, fact or entity ${code(id)} in the data. Pick one from the suggestions.`,
    unknownEntity: (option: string, id: string) => `\`${option}\`: there is no person, organisation or country ${code(id)}. Pick one from the suggestions.`,
    needsOption: (kind: string, options: string) => `A new ${kind} needs ${options}.`,
    stillReferenced: (id: string, count: number, list: string) => `${code(id)} cannot be removed: ${plural(count, 'entry refers', 'entries refer')} to it. Change or remove ${count === 1 ? 'it' : 'them'} first:\n${list}`,
    sourcesAreArticles: (id: string) => `${code(id)} is an article: to remove or replace a whole article, import its file or roll back.`,
    tooLargeToAttach: (size: string) =>
      `The export is ${size}, more than Discord accepts in one message. Export one article at a time (the article option), or copy DATA_DIR on the server.`,
    storeProblem: (message: string, remedy: string) => `Nothing was changed: ${message}. ${remedy}`,
    diffLine: (kind: NounKind, parts: string) => `${NOUNS[kind].many}: ${parts}`,
    added: (count: number, examples: string) => `+${number(count)} added (${examples})`,
    removed: (count: number, examples: string) => `−${number(count)} removed (${examples})`,
    changed: (count: number, examples: string) => `~${number(count)} changed (${examples})`,
    moreExamples: (count: number) => `… ${number(count)} more`,
  },
  /** The forms (modals) moderators add and edit entries with. */
  forms: {
    title: (action: 'edit' | 'add', kind: string, id: string) => (action === 'edit' ? `Edit ${kind} ${id}` : `Add a ${kind} to ${id}`),
    kinds: { quote: 'quote', deal: 'deal', fact: 'fact', entity: 'entity' },
    quoteText: 'Words, exactly as printed',
    quoteTextHint: 'Without the enclosing quotation marks; keep curly quotes and dashes.',
    context: 'Context, in our own words',
    date: 'Date (YYYY, YYYY-MM or YYYY-MM-DD)',
    dateHint: 'Leave empty when the article does not say.',
    topics: 'Topics, separated by commas',
    quoteForm: 'Quoted as',
    statement: 'A full statement',
    fragment: 'Words within the reporter’s sentence',
    dealTitle: 'Title, in our own words',
    value: 'Value ($8 billion, up to $2 billion…)',
    valueHint: 'A sum with its currency, or the article’s own words (billions of dollars). Empty: not given.',
    quantity: 'Quantity (300 locomotives…)',
    quantityHint: 'A count and what is counted, or words such as “dozens of airplanes”. Empty: not given.',
    status: 'Status, as the article states it',
    notes: 'Notes, one per line (⚠ starts a caveat)',
    notesHint: 'Lines starting with ⚠ are caveats: what the article says is uncertain.',
    factText: 'The fact, in our own words',
    name: 'Name, as the article gives it',
    aliases: 'Other spellings, one per line',
    role: 'Role, in our own words',
    required: (label: string) => `${label}: this field is required.`,
    unreadableQuantity: (given: string) =>
      `Quantity: “${escapeMarkdown(given)}” needs a count and what is counted (300 locomotives) or words such as “dozens of airplanes”.`,
    unknownChoice: (label: string, given: string) => `${label}: “${escapeMarkdown(given)}” is not one of the choices.`,
    yourForm: 'What you submitted, so nothing is lost:',
    expired: 'This form has expired or was already submitted. Run the command again.',
    notYours: 'This form belongs to the moderator who opened it.',
    changedSinceOpened: (id: string) => `${code(id)} changed since you opened this form (another moderator, or an import). Nothing was applied: open it again to edit the current version.`,
    goneSinceOpened: (id: string) => `${code(id)} is no longer in the data. Nothing was applied.`,
  },
  /** How dates, sums and lists read. */
  format: {
    /** "2025-11-06" → "6 Nov 2025", "2025-08" → "Aug 2025", "2023" → "2023". */
    date: (date: string): string => {
      const [year, month, day] = date.split('-');
      const monthName = month ? MONTHS[Number(month) - 1] : undefined;
      if (day && monthName) return `${Number(day)} ${monthName} ${year ?? ''}`;
      if (monthName) return `${monthName} ${year ?? ''}`;
      return year ?? date;
    },
    number,
    scales: { trillion: 'trillion', billion: 'billion', million: 'million' },
    /** "A, B and C". */
    list: (names: readonly string[]): string => (names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1) ?? ''}`),
    /** A quantity the article gives in words: "dozens of Boeing airplanes". */
    quantityInWords: (text: string, unit: string): string => `${text} of ${unit}`,
  },
};
