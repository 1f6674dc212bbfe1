/**
 * Controlled vocabularies used by the catalogue (filled in by the seed work; see the sources cited below).
 * Each entry has a stable code (used in the API and database), Italian and English labels, and the URI of the
 * concept in the published controlled vocabulary (used in the CPSV-AP export).
 */
export interface VocabularyEntry {
  code: string;
  it: string;
  en: string;
  uri: string;
}

/** Life events of persons and businesses. Source: TODO(cite). */
export const LIFE_EVENTS: VocabularyEntry[] = [];

/** Service categories. Source: TODO(cite). */
export const CATEGORIES: VocabularyEntry[] = [];

export const lifeEventByCode = new Map(LIFE_EVENTS.map((e) => [e.code, e]));
export const categoryByCode = new Map(CATEGORIES.map((e) => [e.code, e]));
