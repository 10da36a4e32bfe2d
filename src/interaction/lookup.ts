// The lookup every search command shares: find matches, show the best, page through the rest with stateless buttons.
import { ApplicationCommandOptionType, ButtonStyle, ComponentType, type APIButtonComponentWithCustomId } from 'discord-api-types/v10';
import type { Entry, EntryKind } from '../data/dataset.ts';
import { entryLabel, renderEntryEmbed, renderMatchListEmbed } from '../format/embeds.ts';
import { AUTOCOMPLETE_LIMITS, COMPONENT_LIMITS } from '../format/limits.ts';
import type { ActionRow, Reply } from '../format/reply.ts';
import { truncate } from '../format/text.ts';
import type { NounKind } from '../locale/en.ts';
import { wordsFor, type Catalogue } from '../messages.ts';
import { prepareQuery } from '../search/search.ts';
import type { Snapshot } from '../snapshot.ts';
import { decodePageState, encodePageState, type PageState } from './custom-id.ts';
import { isModerator } from './permissions.ts';
import { AVAILABLE_EVERYWHERE, type AutocompleteRequest, type Choice, type Command, type CommandRequest, type ComponentRequest } from './types.ts';

/** What distinguishes /quote from /deal and the others: the kinds searched and what to call them. */
export interface LookupSpec {
  /** The command whose buttons these are, as its custom_ids name it. */
  readonly command: string;
  readonly kinds: readonly EntryKind[];
  /** What the sentences call the results ("No quote matches…"). */
  readonly noun: NounKind;
  /** How matches are found; the fuzzy search by default. Called again on every page, so it must be deterministic. */
  readonly find?: (snapshot: Snapshot, query: string) => readonly Entry[];
  /**
   * Answered privately, with a button to post the entry shown to the channel (a lookup about someone else's message
   * should not answer in public unasked).
   */
  readonly private?: boolean;
}

/** The custom_id prefix of a "post this publicly" button: `<command>:post:<entry id>`. */
const POST_ACTION = 'post';

/** Answers a lookup command: the best match with paging, or an ephemeral "no match" with suggestions. */
export function answerLookup(spec: LookupSpec, request: CommandRequest, rawQuery: string | undefined, kindFilter = ''): Reply {
  // A custom finder owns its query's format (it may depend on capitals); the fuzzy search normalises it first.
  const query = spec.find ? (rawQuery ?? '').trim() : prepareQuery(rawQuery ?? '');
  const matches = findMatches(spec, request.snapshot, query);
  const words = wordsFor(request.locale);
  const { messages } = words;
  if (matches.length === 0) {
    if (!query) return { content: messages.emptyKind(spec.noun), ephemeral: true };
    const suggestions = request.snapshot.search.didYouMean(query, spec.kinds);
    const hint = suggestions.length > 0 ? messages.didYouMean(suggestions) : messages.searchTips;
    return { content: `${messages.noMatch(spec.noun, rawQuery?.trim() ?? query)}\n${hint}`, ephemeral: true };
  }
  return renderPage(spec, request.snapshot, matches, { owner: request.user.id, page: 0, query, kind: kindFilter, moderator: seesIds(request), first: true, words });
}

/** Answers a click on a lookup's buttons or menu: recomputes the matches from the custom_id and shows the page. */
export function answerLookupPage(spec: LookupSpec, request: ComponentRequest): Reply {
  const words = wordsFor(request.locale);
  const { messages } = words;
  const [, action, entryId] = request.customId.split(':');
  if (action === POST_ACTION && entryId !== undefined) return postPublicly(request.snapshot, entryId, words);
  const state = decodePageState(request.customId);
  if (!state) return { content: messages.staleButton, ephemeral: true };
  if (state.owner !== request.user.id) return { content: messages.notYourButtons(words.commandName(spec.command), state.query), ephemeral: true };
  const matches = findMatches(spec, request.snapshot, state.query);
  if (matches.length === 0) return { content: messages.resultsGone, ephemeral: true };
  const chosen = state.control === 'jump' ? Number(request.values[0] ?? state.page) : state.page;
  const page = Number.isInteger(chosen) ? Math.min(Math.max(chosen, 0), matches.length - 1) : 0;
  return renderPage(spec, request.snapshot, matches, { owner: state.owner, page, query: state.query, kind: state.kind, moderator: seesIds(request), words });
}

/** Moderators (and the terminal's operator) see entity ids, which article files refer to. */
function seesIds(request: CommandRequest | ComponentRequest): boolean {
  return request.trusted === true || isModerator(request, request.services.config);
}

/** Autocomplete for a lookup: at most 25 choices, labels cut to 100 characters, the entry id as the value. */
export function lookupChoices(spec: LookupSpec, request: AutocompleteRequest): Choice[] {
  const { dataset, search } = request.snapshot;
  const words = wordsFor(request.locale);
  return search.suggest(request.focused.value, spec.kinds, AUTOCOMPLETE_LIMITS.choices).map((entry) => ({
    name: truncate(entryLabel(entry, dataset, words).replace(/\s+/g, ' '), AUTOCOMPLETE_LIMITS.choiceName),
    value: entry.id,
  }));
}

/** A private result's entry, posted to the channel for everyone: a new public message, the private one stays. */
function postPublicly(snapshot: Snapshot, entryId: string, words: Catalogue): Reply {
  const entry = snapshot.dataset.byId.get(entryId);
  if (!entry) return { content: words.messages.resultsGone, ephemeral: true };
  return { embeds: [renderEntryEmbed(entry, snapshot.dataset, { words })], newMessage: true };
}

function findMatches(spec: LookupSpec, snapshot: Snapshot, query: string): readonly Entry[] {
  if (spec.find) return spec.find(snapshot, query);
  if (!query) return snapshot.search.suggest('', spec.kinds, Number.MAX_SAFE_INTEGER);
  return snapshot.search.search(query, { kinds: spec.kinds }).map((hit) => hit.entry);
}

interface PageView {
  readonly owner: string;
  readonly page: number;
  readonly query: string;
  readonly kind: string;
  readonly moderator: boolean;
  /** The command's own answer, not a page turn. */
  readonly first?: boolean;
  /** The reader's language. */
  readonly words: Catalogue;
}

function renderPage(spec: LookupSpec, snapshot: Snapshot, matches: readonly Entry[], view: PageView): Reply {
  const { words } = view;
  const entry = matches[view.page];
  if (!entry) return { content: words.messages.resultsGone, ephemeral: true };
  const embeds = [renderEntryEmbed(entry, snapshot.dataset, { words, moderator: view.moderator })];
  const post = spec.private ? [postRow(spec, entry, words)] : [];
  // A first private answer is ephemeral; a page turn updates that same message, which keeps its visibility.
  const ephemeral = spec.private && view.first;
  if (matches.length === 1) return { embeds, components: post, ...(ephemeral ? { ephemeral } : {}) };
  embeds.push(
    renderMatchListEmbed({
      title: words.messages.matchListTitle(matches.length, spec.noun, view.query),
      entries: matches,
      current: view.page,
      dataset: snapshot.dataset,
      words,
    }),
  );
  return { embeds, components: [...pagingComponents(spec, snapshot, matches, view), ...post], ...(ephemeral ? { ephemeral } : {}) };
}

function postRow(spec: LookupSpec, entry: Entry, words: Catalogue): ActionRow {
  return {
    type: ComponentType.ActionRow,
    components: [{ type: ComponentType.Button, style: ButtonStyle.Success, custom_id: `${spec.command}:${POST_ACTION}:${entry.id}`, label: words.messages.postPublicly }],
  };
}

function pagingComponents(spec: LookupSpec, snapshot: Snapshot, matches: readonly Entry[], view: PageView): ActionRow[] {
  const { paging } = view.words;
  const last = matches.length - 1;
  const id = (control: PageState['control'], page: number): string =>
    encodePageState({ command: spec.command, control, page, owner: view.owner, kind: view.kind, query: view.query });
  const button = (control: PageState['control'], label: string, page: number, disabled: boolean): APIButtonComponentWithCustomId => ({
    type: ComponentType.Button,
    style: control === 'count' ? ButtonStyle.Secondary : ButtonStyle.Primary,
    custom_id: id(control, page),
    label,
    disabled,
  });
  const buttons: ActionRow = {
    type: ComponentType.ActionRow,
    components: [
      button('first', '⏮', 0, view.page === 0),
      button('prev', paging.previous, Math.max(0, view.page - 1), view.page === 0),
      button('count', `${view.page + 1} / ${matches.length}`, view.page, true),
      button('next', paging.next, Math.min(last, view.page + 1), view.page === last),
      button('last', '⏭', last, view.page === last),
    ],
  };
  const size = COMPONENT_LIMITS.selectOptions;
  const start = Math.max(0, Math.min(view.page - Math.floor(size / 2), matches.length - size));
  const menu: ActionRow = {
    type: ComponentType.ActionRow,
    components: [
      {
        type: ComponentType.StringSelect,
        custom_id: id('jump', view.page),
        placeholder: paging.jump(matches.length, spec.noun),
        options: matches.slice(start, start + size).map((entry, offset) => ({
          label: truncate(`${start + offset + 1}. ${entryLabel(entry, snapshot.dataset, view.words).replace(/\s+/g, ' ')}`, COMPONENT_LIMITS.selectOptionLabel),
          value: String(start + offset),
          default: start + offset === view.page,
        })),
      },
    ],
  };
  return [buttons, menu];
}

/** The one search option of a lookup command, as users see it in Discord. */
export interface LookupOption {
  readonly name: string;
  readonly description: string;
  readonly required?: boolean;
}

/**
 * A lookup command (/quote, /deal, /fact, /who): one search option with autocomplete, the shared lookup flow behind
 * it, and a per-user cooldown. Each command file only says what it searches and how its option reads.
 */
export function lookupCommand(spec: LookupSpec, description: string, option: LookupOption): Command {
  return {
    data: {
      name: spec.command,
      description,
      ...AVAILABLE_EVERYWHERE,
      options: [
        {
          type: ApplicationCommandOptionType.String,
          name: option.name,
          description: option.description,
          autocomplete: true,
          max_length: 100,
          ...(option.required ? { required: true } : {}),
        },
      ],
    },
    autocomplete: (request) => lookupChoices(spec, request),
    execute: (request) => answerLookup(spec, request, request.options.string(option.name)),
    component: (request) => answerLookupPage(spec, request),
    cooldown: true,
  };
}
