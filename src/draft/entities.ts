// Who the mentions are: one entry per person, organisation or country, linked to the live data's entities when known.
import type { Entity, EntityType } from '../data/schema.ts';
import { TEXT_LIMITS } from '../data/schema.ts';
import { countryOfAdjective, findCountry, isCapitalOf, nameKey, type CountryName } from './countries.ts';
import type { Mention } from './mentions.ts';
import { HONORIFICS, NAME_SUFFIXES, ORGANISATION_HEADS, ORGANISATION_NOUNS, PERSON_ROLE_NOUNS, SOURCE_NOUNS, TITLE_WORDS } from './words.ts';

export interface DraftEntity {
  name: string;
  readonly anonymous: boolean;
  /** The noun of an anonymous source: "official". */
  readonly head?: string;
  readonly country?: CountryName;
  /** The live data's entity this is, reused rather than drafted again. */
  readonly existing?: Entity;
  gender?: 'm' | 'f';
  role?: string;
  /** The role is an office written before the name ("President"); an apposition may say more. */
  roleFromTitle: boolean;
  linkedCountry?: DraftEntity;
  /** Evidence for the kind of entity, weighed once the whole article is read. */
  personEvidence: number;
  organisationEvidence: number;
  /** Only "Mr. Surname" seen so far: a later full name with that surname is the same person. */
  surnameOnly: boolean;
  speaker: boolean;
  author: boolean;
  /** The last sentence that mentioned it, for descriptions such as "the official". */
  lastSeen: number;
  /** A country the text names, not only through its capital or an adjective. */
  named: boolean;
  /** Made from a description ("the Kazakh government"): kept only when it speaks. */
  described: boolean;
}

/** The kind of entity the evidence points to. */
export function kindOf(entity: DraftEntity): EntityType {
  if (entity.existing) return entity.existing.type;
  if (entity.country) return 'country';
  if (entity.anonymous) return 'person';
  if (entity.organisationEvidence !== entity.personEvidence) return entity.organisationEvidence > entity.personEvidence ? 'organisation' : 'person';
  return entity.name.split(/\s+/).length > 1 ? 'person' : 'organisation';
}

const words = (text: string): string[] => text.split(/\s+/).filter(Boolean);
const capitalise = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

/** The name without middle initials or suffixes: "Aleksandr G. Lukashenko" → "Aleksandr Lukashenko". */
export function plainName(name: string): string {
  return words(name)
    .filter((word, i, all) => !NAME_SUFFIXES.has(word.replace(/,$/, '')) && !(i > 0 && i < all.length - 1 && /^\p{Lu}\.$/u.test(word)))
    .join(' ')
    .replace(/,$/, '');
}

function surnameOf(name: string): string {
  return words(plainName(name)).pop() ?? name;
}

/** The entities of one draft: built mention by mention, in the article's order. */
export class EntityRegistry {
  readonly entities: DraftEntity[] = [];
  private readonly byName = new Map<string, DraftEntity>();
  private readonly bySurname = new Map<string, DraftEntity>();
  private readonly existingByName = new Map<string, Entity[]>();

  constructor(existing: readonly Entity[]) {
    for (const entity of existing) {
      for (const name of new Set([entity.name, plainName(entity.name), ...entity.aliases])) {
        const key = nameKey(name);
        this.existingByName.set(key, [...(this.existingByName.get(key) ?? []), entity]);
      }
    }
  }

  /** The entity a name mention refers to, created when new. */
  named(mention: Mention, sentence: number): DraftEntity {
    const entity = this.byText(mention.text, mention.honorific, mention.title, sentence);
    this.learnFromName(entity, mention);
    return entity;
  }

  /** An author of the article: a person, and the same entity as that name in the text (a byline, a bio). */
  author(name: string): DraftEntity {
    const entity = this.byText(name, undefined, undefined, -1);
    entity.author = true;
    entity.personEvidence += 2;
    return entity;
  }

  private byText(text: string, honorific: string | undefined, title: string | undefined, sentence: number): DraftEntity {
    const country = honorific ? undefined : (findCountry(text) ?? (words(text).length === 1 ? countryOfAdjective(text) : undefined));
    if (country) {
      const entity = this.country(country, sentence);
      // "a think tank in Berlin" names a city: a capital alone does not bring its country into the draft.
      if (!isCapitalOf(text, country)) entity.named = true;
      return entity;
    }
    const key = nameKey(plainName(text));
    const single = words(plainName(text)).length === 1;
    let entity = single || honorific ? this.bySurname.get(key) : undefined;
    entity ??= this.byName.get(key);
    if (!entity) {
      const surnameMatch = single ? undefined : this.bySurname.get(nameKey(surnameOf(text)));
      if (surnameMatch?.surnameOnly && !surnameMatch.existing) {
        // "Mr. Tokayev" came first; "Kassym-Jomart Tokayev" now gives the full name.
        surnameMatch.name = text;
        surnameMatch.surnameOnly = false;
        entity = surnameMatch;
      }
    }
    if (!entity) {
      const existing = this.existingEntity(key, honorific ? 'person' : undefined);
      entity = this.create({ name: existing?.name ?? text, ...(existing ? { existing } : {}), surnameOnly: single && Boolean(honorific ?? title) && !existing });
    }
    this.byName.set(key, entity);
    if (!single) this.bySurname.set(nameKey(surnameOf(entity.name)), entity);
    if (single && (honorific || title || kindOf(entity) === 'person')) this.bySurname.set(key, entity);
    entity.lastSeen = Math.max(entity.lastSeen, sentence);
    return entity;
  }

  /** The entity of a country, one per country. */
  country(country: CountryName, sentence: number): DraftEntity {
    const key = `country:${country.name}`;
    let entity = this.byName.get(key);
    if (!entity) {
      const existing = this.existingEntity(nameKey(country.name), 'country') ?? country.aliases.map((alias) => this.existingEntity(nameKey(alias), 'country')).find(Boolean);
      entity = this.create({ name: existing?.name ?? country.name, country, ...(existing ? { existing } : {}) });
      this.byName.set(key, entity);
    }
    entity.lastSeen = sentence;
    return entity;
  }

  /** An anonymous source ("a senior Central Asian official"): one entity per wording. */
  anonymous(mention: Mention, sentence: number): DraftEntity {
    const name = capitalise(mention.text);
    const key = `anonymous:${nameKey(name)}`;
    let entity = this.byName.get(key);
    if (!entity) {
      const existing = this.existingEntity(nameKey(name), 'person');
      entity = this.create({ name: existing?.name ?? name, anonymous: true, ...(mention.head ? { head: mention.head } : {}), ...(existing ? { existing } : {}) });
      entity.personEvidence++;
      this.byName.set(key, entity);
      const adjective = words(mention.text).map(countryOfAdjective).find(Boolean);
      if (adjective) entity.linkedCountry = this.country(adjective, sentence);
    }
    entity.lastSeen = sentence;
    return entity;
  }

  /**
   * What a description refers to: "the official" → the last anonymous official, "the company" → the last
   * organisation, "the Kazakh president" → the last person with that role; a named description of an organisation
   * ("the Kazakh government", "the Trump administration") is an organisation of its own.
   */
  described(mention: Mention, sentence: number): DraftEntity | undefined {
    const head = mention.head ?? '';
    const recent = this.entities.filter((entity) => entity.lastSeen <= sentence).sort((a, b) => b.lastSeen - a.lastSeen);
    const singular = head.replace(/s$/, '');
    let found: DraftEntity | undefined;
    if (SOURCE_NOUNS.has(head)) found = recent.find((entity) => entity.anonymous && entity.head?.replace(/s$/, '') === singular);
    const describedBy = new RegExp(`\\b${singular}`, 'i');
    found ??= recent.find((entity) => !entity.country && !entity.anonymous && (describedBy.test(entity.role ?? '') || (kindOf(entity) === 'organisation' && describedBy.test(entity.name))));
    if (!found && ORGANISATION_NOUNS.has(head) && /\p{Lu}/u.test(mention.text)) {
      const name = capitalise(mention.text);
      const key = nameKey(name);
      found = this.byName.get(key);
      if (!found) {
        const existing = this.existingEntity(key, 'organisation');
        found = this.create({ name: existing?.name ?? name, described: true, ...(existing ? { existing } : {}) });
        found.organisationEvidence += 2;
        this.byName.set(key, found);
        const adjective = words(mention.text).map(countryOfAdjective).find(Boolean);
        if (adjective) found.linkedCountry = this.country(adjective, sentence);
      }
    }
    found ??= ['company', 'firm', 'group', 'organization', 'organisation', 'maker', 'airline', 'bank'].includes(head)
      ? recent.find((entity) => kindOf(entity) === 'organisation' && !entity.anonymous)
      : undefined;
    if (found) found.lastSeen = sentence;
    return found;
  }

  /** Gives an entity a role (the first fuller one wins) and, when the role names one, its country. */
  setRole(entity: DraftEntity, role: string, fromTitle: boolean, sentence: number): void {
    const clean = capitalise(role.replace(/\s+/g, ' ').replace(/[,;:.]+$/, '').trim());
    if (!clean || clean.length > TEXT_LIMITS.short || entity.country) return;
    if (entity.role === undefined || (entity.roleFromTitle && !fromTitle)) {
      entity.role = clean;
      entity.roleFromTitle = fromTitle;
    }
    const roleWords = words(clean.toLowerCase().replace(/[^\p{L}\s-]/gu, ' '));
    if (roleWords.some((word) => PERSON_ROLE_NOUNS.has(word))) entity.personEvidence++;
    else if (roleWords.some((word) => ORGANISATION_NOUNS.has(word))) entity.organisationEvidence++;
    if (!entity.linkedCountry) {
      const named = /\bof (?:the )?([\p{Lu}][\p{L}.’' -]+)$/u.exec(clean)?.[1];
      const country = (named ? findCountry(named) : undefined) ?? words(clean).map(countryOfAdjective).find(Boolean);
      if (country) entity.linkedCountry = this.country(country, sentence);
    }
  }

  private learnFromName(entity: DraftEntity, mention: Mention): void {
    if (mention.honorific) {
      entity.personEvidence += 2;
      // A courtesy title says more about gender than a pronoun the draft resolved earlier.
      const gender = HONORIFICS.get(mention.honorific);
      if (gender) entity.gender = gender;
    }
    if (mention.title && words(mention.title).some((word) => TITLE_WORDS.has(word))) entity.personEvidence += 2;
    const parts = words(mention.text);
    if (parts.length > 1 && ORGANISATION_HEADS.has(parts[parts.length - 1] ?? '')) entity.organisationEvidence += 2;
  }

  private existingEntity(key: string, type: EntityType | undefined): Entity | undefined {
    const found = this.existingByName.get(key) ?? [];
    return (type ? found.find((entity) => entity.type === type) : undefined) ?? (found.length === 1 ? found[0] : undefined);
  }

  private create(fields: Partial<DraftEntity> & { name: string }): DraftEntity {
    const entity: DraftEntity = {
      anonymous: false, roleFromTitle: false, personEvidence: 0, organisationEvidence: 0, surnameOnly: false, speaker: false,
      author: false, lastSeen: -1, named: false, described: false, ...fields,
    };
    this.entities.push(entity);
    return entity;
  }
}

/** Other spellings users type: surname, the name without initials, common transliterations of Slavic names. */
export function aliasesOf(entity: DraftEntity): string[] {
  const aliases = new Set<string>();
  const kind = kindOf(entity);
  if (entity.country) {
    for (const alias of entity.country.aliases) aliases.add(alias);
    if (entity.country.adjective) aliases.add(entity.country.adjective);
  } else if (entity.anonymous && entity.head) {
    aliases.add(`anonymous ${entity.head}`);
  } else if (kind === 'person') {
    const plain = plainName(entity.name);
    if (plain !== entity.name) aliases.add(plain);
    if (words(plain).length > 1) aliases.add(surnameOf(entity.name));
    for (const name of [...aliases, entity.name]) {
      const variant = transliterated(name);
      if (variant !== name) aliases.add(variant);
    }
  } else if (/^The /.test(entity.name)) {
    aliases.add(entity.name.slice(4));
  }
  aliases.delete(entity.name);
  return [...aliases].filter((alias) => alias.length <= TEXT_LIMITS.name).slice(0, TEXT_LIMITS.listItems);
}

/** The other common romanisation of Russian and Central Asian names: Tokayev → Tokaev, Aleksandr → Alexander. */
function transliterated(name: string): string {
  return name
    .replace(/\bAleksandr\b/g, 'Alexander')
    .replace(/\bAleksei\b/g, 'Alexei')
    .replace(/ks/g, 'x')
    .replace(/yev\b/g, 'ev')
    .replace(/yeva\b/g, 'eva')
    .replace(/iy\b/g, 'y');
}
