// The bot's words in Russian, key for key with en.ts. The data stays as the article wrote it (English), so examples
// point at what actually finds something: Cyrillic names (the data has those aliases) and English words.
import { escapeMarkdown } from '../format/text.ts';
import { localizedCommandName } from './commands.ts';
import type { NounKind } from './en.ts';
import type { Catalogue } from './locale.ts';

const quoted = (text: string): string => `«${escapeMarkdown(text)}»`;
const number = (value: number): string => value.toLocaleString('ru-RU');
const code = (text: string): string => `\`${text.replace(/`/g, "'")}\``;
const rules = new Intl.PluralRules('ru-RU');

/** Russian agrees a noun with its number in three forms: 1 цитата, 2 цитаты, 5 цитат. */
function plural(count: number, one: string, few: string, many: string): string {
  const form = rules.select(count);
  return `${number(count)} ${form === 'one' ? one : form === 'few' ? few : many}`;
}

// "По запросу «x» цитат не найдено", "В данных пока нет цитат", "Все цитаты: 5".
const NOUNS: Readonly<Record<NounKind, { readonly none: string; readonly genitive: string; readonly all: string }>> = Object.freeze({
  quote: { none: 'цитат не найдено', genitive: 'цитат', all: 'Все цитаты' },
  deal: { none: 'сделок не найдено', genitive: 'сделок', all: 'Все сделки' },
  fact: { none: 'фактов не найдено', genitive: 'фактов', all: 'Все факты' },
  entity: { none: 'людей и организаций не найдено', genitive: 'людей и организаций', all: 'Все люди и организации' },
  source: { none: 'статей не найдено', genitive: 'статей', all: 'Все статьи' },
  entry: { none: 'ничего не найдено', genitive: 'записей', all: 'Все записи' },
});

// Genitive with a day ("6 нояб."), nominative alone ("август 2025 г.").
const MONTHS_WITH_DAY = ['янв.', 'февр.', 'мар.', 'апр.', 'мая', 'июн.', 'июл.', 'авг.', 'сент.', 'окт.', 'нояб.', 'дек.'];
const MONTHS_ALONE = ['январь', 'февраль', 'март', 'апрель', 'май', 'июнь', 'июль', 'август', 'сентябрь', 'октябрь', 'ноябрь', 'декабрь'];

export const ru: Catalogue = {
  tag: 'ru-RU',
  commandName: (name) => localizedCommandName('ru', name),
  messages: {
    noMatch: (kind, query) => `По запросу ${quoted(query)} ${NOUNS[kind].none}.`,
    didYouMean: (suggestions) => `Может быть, вы имели в виду ${suggestions.map(quoted).join(', ')}?`,
    searchTips: 'Попробуйте фамилию («Токаев»), компанию («Boeing»), страну («Казахстан») или английское слово из данных («locomotives»).',
    emptyKind: (kind) => `В данных пока нет ${NOUNS[kind].genitive}.`,
    matchListTitle: (count, kind, query) => (query ? `По запросу ${quoted(query)} найдено: ${number(count)}` : `${NOUNS[kind].all}: ${number(count)}`),
    notYourButtons: (command, query) =>
      `Эти кнопки принадлежат тому, кто вызвал команду. Выполните \`/${command}${query ? ` ${query.replace(/`/g, "'")}` : ''}\`, чтобы листать результаты самостоятельно.`,
    staleButton: 'Эта кнопка больше не действует. Выполните команду ещё раз.',
    staleForm: 'Эта форма больше не действует. Выполните команду ещё раз.',
    restarting: 'Я сейчас перезапускаюсь. Попробуйте ещё раз через минуту.',
    restartedBeforeFinishing: 'Меня перезапустили, и я не успел закончить. Попробуйте ещё раз через минуту.',
    restartedDuringChange: 'Меня перезапустили во время работы. Через минуту проверьте `/данные статус`, чтобы узнать, применилось ли изменение.',
    resultsGone: 'Этих результатов больше нет в данных. Выполните команду ещё раз.',
    postPublicly: 'Опубликовать в канале',
    messageHasNoText: 'В этом сообщении нет текста для поиска (только изображения, файлы или стикеры).',
    messageMentionsNothing: 'В данных нет ничего о людях, организациях, странах или темах, упомянутых в этом сообщении.',
    unknownCommand: (name) => `Я не знаю команду \`/${name.replace(/`/g, "'")}\`. Попробуйте \`/помощь\`.`,
    missingOption: (name) => `Параметр \`${name}\` обязателен.`,
    cooldown: (seconds) => `Не так быстро: попробуйте снова через ${seconds} с.`,
    internalError: (reference) => `Извините, у меня что-то пошло не так. Если это повторится, сообщите оператору бота этот код: \`${reference}\`.`,
    guildOnly: 'Эта команда работает только на серверах.',
    notModerator: 'Эта команда только для модераторов: нужно право «Управление сервером» или роль модератора.',
    dataManagedElsewhere:
      'Данные общие для всех серверов, где работает бот, поэтому ими управляют только модераторы его домашнего сервера. Чтобы что-то добавить или исправить, обратитесь туда.',
    dataManagementOff: 'Управление данными отключено: оператор бота не указал домашний сервер для данных (DATA_GUILD_IDS).',
    unknownSubcommand: (command, sub) => `У \`/${command}\` нет подкоманды «${escapeMarkdown(sub)}». Попробуйте \`/помощь\`.`,
    dataUnavailable: 'Управление данными в этом процессе недоступно.',
    dataUnchanged: (version) => `Ничего не изменилось: версия ${code(version)} уже действует.`,
    importExpired: 'Этот предпросмотр импорта истёк или уже обработан. Загрузите файл снова командой `/данные импорт`.',
    importCancelled: 'Импорт отменён. Ничего не изменено.',
    importStale: (version) => `После этого предпросмотра данные изменились (сейчас действует версия ${code(version)}). Снова выполните \`/данные импорт\`, чтобы увидеть новые изменения.`,
    notYourImport: 'Подтвердить или отменить импорт может только модератор, который загрузил файл.',
    exported: (count, version) => `Экспортировано: ${plural(count, 'файл статьи', 'файла статей', 'файлов статей')}, версия ${code(version)}.`,
  },
  counts: {
    quotes: (count) => plural(count, 'цитата', 'цитаты', 'цитат'),
    deals: (count) => plural(count, 'сделка', 'сделки', 'сделок'),
    facts: (count) => plural(count, 'факт', 'факта', 'фактов'),
    entities: (count) => `люди и организации: ${number(count)}`,
    articles: (count) => plural(count, 'статья', 'статьи', 'статей'),
  },
  embed: {
    context: 'Контекст',
    said: 'Когда сказано',
    quotedAs: 'Цитируется как',
    fullStatement: 'Полное высказывание',
    withinSentence: 'Слова внутри фразы журналиста',
    topics: 'Темы',
    parties: 'Стороны',
    company: 'Компания',
    counterparty: 'Другая сторона',
    notNamed: 'Не названа',
    value: 'Сумма',
    notGiven: 'Не указано',
    quantity: 'Количество',
    status: 'Статус',
    date: 'Дата',
    notes: 'Примечания',
    caveats: 'Оговорки',
    about: 'О ком',
    figures: 'Цифры',
    type: 'Тип',
    country: 'Страна',
    id: 'Id',
    alsoWritten: 'Другие написания',
    inTheData: 'В данных',
    quotes: 'Цитаты',
    deals: 'Сделки',
    publisher: 'Издание',
    published: 'Опубликовано',
    authors: 'Авторы',
    link: 'Ссылка',
    sourceId: (id) => `Id источника: ${id}`,
    unknownSource: (id) => `Источник: ${id}`,
    earlier: (count) => `… ещё ${number(count)} выше`,
    later: (count) => `… ещё ${number(count)}`,
  },
  status: {
    committed: 'Обязательство',
    promised: 'Обещано',
    announced: 'Объявлено',
    agreed: 'Согласовано',
    approved: 'Одобрено',
    completed: 'Завершено',
    reported: 'По сообщениям',
    unclear: 'Неясно',
  },
  entityType: { person: 'Человек', organisation: 'Организация', country: 'Страна' },
  paging: {
    previous: '◀ Назад',
    next: 'Вперёд ▶',
    jump: (count) => `Перейти к результату (всего ${number(count)})…`,
  },
  kinds: { quote: 'Цитаты', deal: 'Сделки', fact: 'Факты', entity: 'Люди и организации', source: 'Статьи' },
  help: {
    title: 'Newsdesk: цитаты, сделки и факты из новостей',
    description:
      'Ищите дословные цитаты, сделки, факты и людей из новостных статей. В каждом ответе указан источник. ' +
      'Имена находятся и с опечатками, и в других написаниях (Tokaev, Токаев), а если совпадений несколько, их можно листать кнопками. ' +
      'Сами данные приводятся на языке статьи.',
    inTheData: 'Сейчас в данных',
    messageCommandName: (name) => `Приложения → ${name}`,
    messageCommand:
      'Нажмите на любое сообщение правой кнопкой (или удерживайте его) и выберите «Приложения»: что есть в данных о людях, компаниях, странах и темах, которые в нём упомянуты. Ответ увидите только вы.',
    examples: {
      quote: '`/цитата Токаев` · `/цитата open for business`',
      deal: '`/сделка боинг` · `/сделка казахстан` · `/сделка locomotives`',
      fact: '`/факт political prisoners` · `/факт Туркменистан`',
      who: '`/кто Лютник` · `/кто Tokayev`',
      search: '`/поиск запрос:tungsten` · `/поиск запрос:Казахстан вид:Сделки`',
      sources: '`/источники`',
    },
  },
  format: {
    date: (date) => {
      const [year, month, day] = date.split('-');
      const index = month ? Number(month) - 1 : -1;
      if (day && MONTHS_WITH_DAY[index]) return `${Number(day)} ${MONTHS_WITH_DAY[index]} ${year ?? ''} г.`;
      if (MONTHS_ALONE[index]) return `${MONTHS_ALONE[index]} ${year ?? ''} г.`;
      return year ? `${year} г.` : date;
    },
    number,
    scales: { trillion: 'трлн', billion: 'млрд', million: 'млн' },
    list: (names) => (names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} и ${names.at(-1) ?? ''}`),
    quantityInWords: (text, unit) => `${text} (${unit})`,
  },
};
