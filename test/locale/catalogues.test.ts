// Every language says everything English says, within Discord's limits; every command reads in every language.
import { describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.ts';
import { COMMAND_LIMITS, COMPONENT_LIMITS, EMBED_LIMITS, MESSAGE_LIMITS } from '../../src/format/limits.ts';
import { definitionOptions, isSlashDefinition } from '../../src/interaction/types.ts';
import { COMMAND_WORDS } from '../../src/locale/commands.ts';
import { en } from '../../src/locale/en.ts';
import { LOCALES, localeOf } from '../../src/locale/locale.ts';
import { catalogue } from '../../src/messages.ts';
import { commandCharacters } from '../support/definitions.ts';

/** Arguments to call each worded function with: long ones, so that a sentence near a limit shows it. */
const LONG = 'x'.repeat(100);
const SAMPLES: Readonly<Record<string, readonly unknown[]>> = {
  commandName: ['quote'],
  'messages.noMatch': ['entity', LONG],
  'messages.didYouMean': [[LONG, LONG, LONG]],
  'messages.emptyKind': ['entity'],
  'messages.matchListTitle': [100_000, 'entity', LONG],
  'messages.notYourButtons': ['search', LONG],
  'messages.unknownCommand': [LONG],
  'messages.missingOption': ['query'],
  'messages.cooldown': [3],
  'messages.internalError': ['E1234ABCD'],
  'messages.unknownSubcommand': ['data', LONG],
  'messages.dataUnchanged': ['abcdef012345'],
  'messages.importStale': ['abcdef012345'],
  'messages.exported': [12, 'abcdef012345'],
  'counts.quotes': [22],
  'counts.deals': [11],
  'counts.facts': [1],
  'counts.entities': [40],
  'counts.articles': [3],
  'embed.sourceId': [LONG],
  'embed.unknownSource': [LONG],
  'embed.earlier': [12_345],
  'embed.later': [12_345],
  'paging.jump': [100_000, 'entity'],
  'help.messageCommandName': ['Find in the news'],
  'data.articles': [12],
  'data.articleLine': ['`articles/x.json`', LONG, 64],
  'data.andMore': [12],
  'data.changeBy': ['import', 'mod', '<t:1:R>'],
  'data.shardLine': [3],
  'data.allShardsSame': [4],
  'data.versionLive': ['abcdef012345', '0123456789ab'],
  'data.nothingChanged': [3],
  'data.wouldChangeFile': [true, 'articles/x.json', 'abcdef012345', '0123456789ab'],
  'data.importPreview': [false, 'articles/x.json'],
  'data.changePreview': ['edit', 'quote', 'q-'.padEnd(64, 'x')],
  'data.previewDescription': ['abcdef012345', '0123456789ab', '<t:1:R>'],
  'data.changeApplied': ['remove', 'q-'.padEnd(64, 'x')],
  'data.rolledBack': ['abcdef012345'],
  'data.unknownVersion': ['abcdef012345'],
  'data.unknownArticle': [LONG],
  'data.unknownEntry': ['q-'.padEnd(64, 'x')],
  'data.unknownEntity': ['counterparty', LONG],
  'data.needsOption': ['quote', '`speaker`, `party` and `category`'],
  'data.stillReferenced': ['x'.repeat(64), 15, `• ${LONG}\n`.repeat(15)],
  'data.sourcesAreArticles': ['x'.repeat(64)],
  'data.tooLargeToAttach': ['9.5 MiB'],
  'data.storeProblem': [LONG, LONG],
  'data.diffLine': ['entity', LONG],
  'data.added': [3, LONG],
  'data.removed': [3, LONG],
  'data.changed': [3, LONG],
  'data.moreExamples': [12],
  'forms.title': ['edit', 'entity', 'q-'.padEnd(64, 'x')],
  'forms.required': ['Words, exactly as printed'],
  'forms.unreadableQuantity': [LONG],
  'forms.unknownChoice': ['Status', LONG],
  'forms.changedSinceOpened': ['q-'.padEnd(64, 'x')],
  'forms.goneSinceOpened': ['q-'.padEnd(64, 'x')],
  'format.date': ['2025-11-06'],
  'format.number': [1_234_567],
  'format.list': [['A', 'B', 'C']],
  'format.quantityInWords': ['dozens', 'Boeing airplanes'],
};

/** How long each part of a catalogue may be, from where Discord shows it. */
function limitOf(path: string): number {
  if (path === 'paging.previous' || path === 'paging.next' || path === 'messages.postPublicly') return COMPONENT_LIMITS.buttonLabel;
  if (path === 'paging.jump') return COMPONENT_LIMITS.selectPlaceholder;
  if (path.startsWith('kinds.')) return COMMAND_LIMITS.description;
  // Form titles and labels are cut to Discord's 45 by the form builder; what matters is that they say something.
  if (path.startsWith('forms.') && !path.startsWith('forms.required') && !/Opened|expired|notYours|unreadable|unknownChoice|yourForm/.test(path)) return 200;
  if (path === 'data.confirmImport' || path === 'data.confirmChange' || path === 'data.cancel') return COMPONENT_LIMITS.buttonLabel;
  if (path.startsWith('data.')) return MESSAGE_LIMITS.content;
  if (path.startsWith('messages.')) return MESSAGE_LIMITS.content;
  if (path === 'help.description') return EMBED_LIMITS.description;
  if (path.startsWith('help.') || path.startsWith('counts.')) return EMBED_LIMITS.fieldValue;
  return EMBED_LIMITS.fieldName;
}

/** Every worded leaf of a catalogue, by dotted path, with what it says (functions called with their samples). */
function leaves(value: unknown, path = ''): Map<string, string> {
  const found = new Map<string, string>();
  if (typeof value === 'string') found.set(path, value);
  else if (typeof value === 'function') {
    const sample = SAMPLES[path];
    if (!sample) throw new Error(`no sample arguments for ${path}: add them to SAMPLES`);
    found.set(path, String((value as (...args: unknown[]) => unknown)(...sample)));
  } else if (value && typeof value === 'object' && !Array.isArray(value)) {
    for (const [key, child] of Object.entries(value)) for (const [childPath, text] of leaves(child, path ? `${path}.${key}` : key)) found.set(childPath, text);
  }
  return found;
}

describe('the catalogues', () => {
  const english = leaves(en);

  it.each(LOCALES.map((locale) => [locale]))('given %s, then it has exactly English’s keys, none empty, each within Discord’s limit', (locale) => {
    const words = leaves(catalogue(locale));
    expect([...words.keys()].sort()).toEqual([...english.keys()].sort());
    for (const [path, text] of words) {
      expect(text.trim(), path).not.toBe('');
      expect(text.length, path).toBeLessThanOrEqual(limitOf(path));
    }
  });

  it('given Russian, then it is actually translated, not English copied', () => {
    const russian = leaves(catalogue('ru'));
    const same = [...russian].filter(([path, text]) => english.get(path) === text && /[a-z]{4}/i.test(text) && !path.startsWith('format.number') && path !== 'embed.id' && path !== 'commandName');
    expect(same).toEqual([]);
  });

  it('given Discord locales, then Russian speakers get Russian and everyone else English', () => {
    expect(localeOf('ru')).toBe('ru');
    expect(localeOf('en-US')).toBe('en');
    expect(localeOf('pt-BR')).toBe('en');
    expect(localeOf(undefined)).toBe('en');
  });
});

describe('the command definitions in every language', () => {
  const SLASH_NAME = /^[-_\p{L}\p{N}]{1,32}$/u;

  it('given every command, option, subcommand and choice, then each has a localized name and description within Discord’s rules', () => {
    const missing: string[] = [];
    const check = (where: string, name: string, names: Record<string, string | null> | undefined, slash: boolean): void => {
      for (const locale of LOCALES.filter((candidate) => candidate !== 'en')) {
        const localized = names?.[locale];
        if (!localized) {
          missing.push(`${where}: no ${locale} name for ${name}`);
          continue;
        }
        expect(localized.length, where).toBeLessThanOrEqual(COMMAND_LIMITS.name);
        if (slash) {
          expect(localized, where).toMatch(SLASH_NAME);
          expect(localized, where).toBe(localized.toLowerCase());
        }
      }
    };
    const checkDescription = (where: string, descriptions: Record<string, string | null> | undefined): void => {
      for (const locale of LOCALES.filter((candidate) => candidate !== 'en')) {
        const localized = descriptions?.[locale];
        if (!localized) missing.push(`${where}: no ${locale} description`);
        else expect(localized.length, where).toBeLessThanOrEqual(COMMAND_LIMITS.description);
      }
    };
    for (const { data } of commands) {
      check(`/${data.name}`, data.name, data.name_localizations ?? undefined, isSlashDefinition(data));
      if (!isSlashDefinition(data)) continue;
      checkDescription(`/${data.name}`, data.description_localizations ?? undefined);
      const visit = (options: ReturnType<typeof definitionOptions>, where: string): void => {
        for (const option of options) {
          check(`${where} ${option.name}`, option.name, option.name_localizations ?? undefined, true);
          checkDescription(`${where} ${option.name}`, option.description_localizations ?? undefined);
          if ('options' in option && option.options) visit(option.options, `${where} ${option.name}`);
          if ('choices' in option && option.choices) {
            for (const choice of option.choices) {
              const label = choice.name_localizations?.ru;
              if (!label) missing.push(`${where} ${option.name}: no ru label for choice ${String(choice.value)}`);
              else expect(label.length).toBeLessThanOrEqual(COMMAND_LIMITS.description);
            }
          }
        }
      };
      visit(definitionOptions(data), `/${data.name}`);
      expect(commandCharacters(data)).toBeLessThanOrEqual(COMMAND_LIMITS.totalCharacters);
    }
    expect(missing).toEqual([]);
  });

  it('given the localizations, then none names a command or option that no longer exists', () => {
    const names = new Set(commands.map((command) => command.data.name));
    for (const words of Object.values(COMMAND_WORDS)) expect(Object.keys(words).filter((name) => !names.has(name))).toEqual([]);
  });
});
