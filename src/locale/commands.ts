// Command, option and choice names and descriptions in the bot's other languages. Discord shows each user the ones of
// their client's language; English is in the command files themselves.
import { Locale as DiscordLocale, type APIApplicationCommandOption, type LocalizationMap } from 'discord-api-types/v10';
import type { CommandDefinition } from '../interaction/types.ts';
import type { Locale } from './locale.ts';

/** A command's or option's words in one language. Names follow Discord's rules: lowercase, no spaces (slash commands). */
export interface CommandWords {
  readonly name: string;
  readonly description?: string;
  readonly options?: Readonly<Record<string, CommandWords>>;
  /** Choice value → label. */
  readonly choices?: Readonly<Record<string, string>>;
}

type OtherLocale = Exclude<Locale, 'en'>;

/** Discord's locale keys for each language the bot speaks besides English. */
const DISCORD_LOCALES: Readonly<Record<OtherLocale, DiscordLocale>> = Object.freeze({ ru: DiscordLocale.Russian });

const query = (description: string): CommandWords => ({ name: 'запрос', description });
const ENTRY: CommandWords = { name: 'запись', description: 'Цитата, сделка, факт или сущность: по словам или id' };
const UPLOAD_OPTIONS: Readonly<Record<string, CommandWords>> = {
  file: { name: 'файл', description: 'Одна статья в формате JSON' },
  source_text: { name: 'текст_статьи', description: 'Текст статьи (.txt или .md), чтобы проверить, что ничего не списано дословно' },
};

export const COMMAND_WORDS: Readonly<Record<OtherLocale, Readonly<Record<string, CommandWords>>>> = Object.freeze({
  ru: {
    quote: {
      name: 'цитата',
      description: 'Найти цитату по имени говорящего, словам или теме',
      options: { query: query('Говорящий (Токаев), слова (open for business) или тема; пусто — все цитаты') },
    },
    deal: {
      name: 'сделка',
      description: 'Найти сделку по компании, стране или товару',
      options: { query: query('Компания (Boeing), страна (Казахстан) или товар (locomotives); пусто — все сделки') },
    },
    fact: {
      name: 'факт',
      description: 'Найти факт или цифру из статей',
      options: { query: query('Имя, страна или тема (political prisoners, Freedom House); пусто — все факты') },
    },
    who: {
      name: 'кто',
      description: 'Кто это? Человек, организация или страна из статей',
      options: { name: { name: 'имя', description: 'Имя в любом привычном написании (Tokayev, Tokaev, Токаев)' } },
    },
    search: {
      name: 'поиск',
      description: 'Искать везде: цитаты, сделки, факты, людей и статьи',
      options: {
        query: query('Любое имя, слова или тема'),
        kind: {
          name: 'вид',
          description: 'Только записи этого вида',
          choices: { quote: 'Цитаты', deal: 'Сделки', fact: 'Факты', entity: 'Люди и организации', source: 'Статьи' },
        },
      },
    },
    sources: { name: 'источники', description: 'Статьи, из которых взяты данные: издание, дата и авторы' },
    help: { name: 'помощь', description: 'Что умеет этот бот, с примерами' },
    'Find in the news': { name: 'Найти в новостях' },
    data: {
      name: 'данные',
      description: 'Данные бота (для модераторов): статус, изменения, записи, черновики, откат, экспорт',
      options: {
        status: { name: 'статус', description: 'Действующие данные: версия, объём, статьи, последнее изменение, шарды' },
        reload: { name: 'перезагрузить', description: 'Перечитать каталог данных и подставить его, если он корректен' },
        validate: {
          name: 'проверить',
          description: 'Проверить файл статьи и показать, что он изменит, ничего не применяя',
          options: UPLOAD_OPTIONS,
        },
        import: {
          name: 'импорт',
          description: 'Добавить или заменить статью; применяется только после подтверждения',
          options: UPLOAD_OPTIONS,
        },
        edit: { name: 'править', description: 'Исправить одну цитату, сделку, факт или сущность в форме', options: { entry: ENTRY } },
        add: {
          name: 'добавить',
          description: 'Добавить в статью цитату, сделку, факт или сущность через форму',
          options: {
            kind: {
              name: 'вид',
              description: 'Что добавить',
              choices: { quote: 'Цитата', deal: 'Сделка', fact: 'Факт', entity: 'Человек, организация или страна' },
            },
            article: { name: 'статья', description: 'Статья, из которой это взято' },
            speaker: { name: 'говорящий', description: 'Цитата: кто это сказал' },
            party: { name: 'сторона', description: 'Сделка: кто покупает или берёт обязательство' },
            party2: { name: 'сторона2', description: 'Сделка: ещё одна сторона' },
            party3: { name: 'сторона3', description: 'Сделка: ещё одна сторона' },
            counterparty: { name: 'контрагент', description: 'Сделка: компания или государство с другой стороны' },
            category: { name: 'категория', description: 'Сделка: какого рода (Aircraft, Minerals…)' },
            subject: { name: 'о_ком', description: 'Факт: о ком или о чём он' },
            subject2: { name: 'о_ком2', description: 'Факт: ещё один предмет' },
            subject3: { name: 'о_ком3', description: 'Факт: ещё один предмет' },
            type: { name: 'тип', description: 'Сущность: человек, организация или страна', choices: { person: 'Человек', organisation: 'Организация', country: 'Страна' } },
            country: { name: 'страна', description: 'Сущность: к какой стране относится' },
          },
        },
        remove: { name: 'удалить', description: 'Удалить одну цитату, сделку, факт или сущность (после предпросмотра)', options: { entry: ENTRY } },
        draft: {
          name: 'черновик',
          description: 'Составить файл статьи по её тексту и показать его как предпросмотр импорта',
          options: {
            file: { name: 'файл', description: 'Текст статьи: .txt, .md или .html' },
            publisher: { name: 'издание', description: 'Кто опубликовал, например The New York Times' },
            published: { name: 'дата', description: 'Дата публикации, ГГГГ-ММ-ДД' },
            authors: { name: 'авторы', description: 'Авторы через запятую' },
            url: { name: 'ссылка', description: 'Веб-адрес статьи, если есть' },
          },
        },
        rollback: {
          name: 'откат',
          description: 'Вернуться к предыдущей версии (или к выбранной)',
          options: { version: { name: 'версия', description: 'Сохранённая версия; по умолчанию — предыдущая' } },
        },
        export: {
          name: 'экспорт',
          description: 'Приложить действующие данные (или одну статью) в формате JSON',
          options: { article: { name: 'статья', description: 'Одна статья; по умолчанию — все' } },
        },
      },
    },
  },
});

/** A definition with the names and descriptions of every other language added as Discord's localization maps. */
export function localizeDefinition(data: CommandDefinition): CommandDefinition {
  const locales = Object.keys(DISCORD_LOCALES) as OtherLocale[];
  const wordsOf = (locale: OtherLocale): CommandWords | undefined => COMMAND_WORDS[locale][data.name];
  const localized = { ...data, ...maps(locales, wordsOf) };
  if (!('options' in data) || !data.options) return localized;
  return { ...localized, options: data.options.map((option) => localizeOption(option, locales, (locale) => wordsOf(locale)?.options)) } as CommandDefinition;
}

function localizeOption(
  option: APIApplicationCommandOption,
  locales: readonly OtherLocale[],
  siblings: (locale: OtherLocale) => Readonly<Record<string, CommandWords>> | undefined,
): APIApplicationCommandOption {
  const wordsOf = (locale: OtherLocale): CommandWords | undefined => siblings(locale)?.[option.name];
  const localized = { ...option, ...maps(locales, wordsOf) } as APIApplicationCommandOption;
  if ('options' in localized && localized.options) {
    const inner = localized.options.map((child) => localizeOption(child, locales, (locale) => wordsOf(locale)?.options));
    return { ...localized, options: inner } as APIApplicationCommandOption;
  }
  if ('choices' in localized && localized.choices) {
    const choices = localized.choices.map((choice) => ({ ...choice, name_localizations: mapOf(locales, (locale) => wordsOf(locale)?.choices?.[String(choice.value)]) }));
    return { ...localized, choices } as APIApplicationCommandOption;
  }
  return localized;
}

function maps(locales: readonly OtherLocale[], wordsOf: (locale: OtherLocale) => CommandWords | undefined): { name_localizations: LocalizationMap; description_localizations?: LocalizationMap } {
  const descriptions = mapOf(locales, (locale) => wordsOf(locale)?.description);
  return { name_localizations: mapOf(locales, (locale) => wordsOf(locale)?.name), ...(Object.keys(descriptions).length > 0 ? { description_localizations: descriptions } : {}) };
}

function mapOf(locales: readonly OtherLocale[], text: (locale: OtherLocale) => string | undefined): LocalizationMap {
  const map: LocalizationMap = {};
  for (const locale of locales) {
    const value = text(locale);
    if (value !== undefined) map[DISCORD_LOCALES[locale]] = value;
  }
  return map;
}

/** A command's name as a user of `locale` sees it in Discord. */
export function localizedCommandName(locale: Locale, name: string): string {
  return locale === 'en' ? name : (COMMAND_WORDS[locale][name]?.name ?? name);
}
