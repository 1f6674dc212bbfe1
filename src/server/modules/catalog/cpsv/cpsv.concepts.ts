/**
 * Concepts of the CPSV-AP export: the well-known ones (EU Publications Office authority tables, AgID OntoPiA), the
 * platform's local code lists, and the registry that defines every concept used as a skos:Concept in its
 * skos:ConceptScheme.
 */
import { DataFactory } from 'n3';
import type { NamedNode } from 'n3';
import type { VocabularyEntry } from '../../../../contracts/vocabularies.ts';
import type { Graph } from './cpsv.graph.ts';
import { iri, type CpsvIris } from './cpsv.namespaces.ts';
import { clean } from './cpsv.values.ts';

const { namedNode } = DataFactory;

// ---------------------------------------------------------------------------------------------------------------
// Well-known concepts (EU Publications Office authority tables, AgID OntoPiA) and local schemes

const EU_AUTHORITY = 'http://publications.europa.eu/resource/authority/';
const LANGUAGE_ITA = `${EU_AUTHORITY}language/ITA`;
const CURRENCY_EUR = `${EU_AUTHORITY}currency/EUR`;
const FREQUENCY_WEEKLY = `${EU_AUTHORITY}frequency/WEEKLY`;

/** AgID OntoPiA controlled vocabulary "canali di erogazione dei servizi" (agid:D.5). */
const CHANNEL_SCHEME = 'https://w3id.org/italia/controlled-vocabulary/classifications-for-public-services/channel';
const CHANNEL_TYPES = {
  /** 02.3 Applicazione Web */
  online: { uri: `${CHANNEL_SCHEME}/023`, notation: '02.3', it: 'Applicazione Web', en: 'Web Application' },
  /** 01.1 Non telematico diretto (face-to-face contact between the person and the administration) */
  desk: { uri: `${CHANNEL_SCHEME}/011`, notation: '01.1', it: 'Non telematico diretto', en: 'Direct non-electronic' },
} as const;

export interface Labels {
  it: string;
  en: string;
}

/** Local schemes: the platform's own code lists, published under `${publicUrl}/id/scheme/…`. */
const LOCAL_SCHEMES: Record<string, Labels> = {
  'service-status': { it: 'Stato del servizio', en: 'Service status' },
  audience: { it: 'Destinatari del servizio', en: 'Service audience' },
  'tenant-type': { it: 'Tipo di ente', en: 'Type of public body' },
  category: { it: 'Categorie dei servizi', en: 'Service categories' },
  'life-event': { it: 'Eventi della vita', en: 'Life events' },
};

export const STATUS_LABELS: Record<string, Labels> = {
  active: { it: 'Attivo', en: 'Active' },
  inactive: { it: 'Non attivo', en: 'Inactive' },
};

export const AUDIENCE_LABELS: Record<string, Labels> = {
  citizens: { it: 'Cittadini', en: 'Citizens' },
  businesses: { it: 'Imprese', en: 'Businesses' },
  professionals: { it: 'Professionisti', en: 'Professionals' },
  associations: { it: 'Associazioni', en: 'Associations' },
  public_bodies: { it: 'Enti pubblici', en: 'Public bodies' },
};

export const TENANT_TYPE_LABELS: Record<string, Labels> = {
  comune: { it: 'Comune', en: 'Municipality' },
  unione_comuni: { it: 'Unione di comuni', en: 'Union of municipalities' },
  comunita_valle: { it: 'Comunità di valle', en: 'Valley community' },
  provincia: { it: 'Provincia', en: 'Province' },
  social_district: { it: 'Ambito territoriale sociale', en: 'Social services district' },
};

/** The labels of a local code from its table, or the code itself (it and en) when the table does not know it. */
export function localLabels(table: Record<string, Labels>, code: string): Labels {
  return table[code] ?? { it: code, en: code };
}

// ---------------------------------------------------------------------------------------------------------------
// External concept IRIs

function isAbsoluteIri(value: string): boolean {
  try {
    const url = new URL(value);
    return /^[a-z][a-z0-9+.-]*:$/i.test(url.protocol) && !/[\s<>"{}|\\^`]/.test(value);
  } catch {
    return false;
  }
}

/** The scheme of an external concept: the IRI before its '#', or its parent path. */
function parentScheme(uri: string): string | undefined {
  const hash = uri.indexOf('#');
  const candidate = hash > 0 ? uri.slice(0, hash) : uri.replace(/\/+$/, '').replace(/\/[^/]*$/, '');
  try {
    return new URL(candidate).pathname.length > 1 ? candidate : undefined;
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Registry

interface ConceptDef {
  labels: Labels;
  scheme: string;
  notation?: string;
  extraTypes?: NamedNode[];
}

/**
 * The concepts and schemes used by one export, in order of first use: each method returns the concept's IRI and
 * records its definition, which {@link ConceptRegistry.write} adds to the graph at the end.
 */
export class ConceptRegistry {
  private readonly concepts = new Map<string, ConceptDef>();
  private readonly schemes = new Map<string, Labels | undefined>();

  constructor(private readonly iris: CpsvIris) {
    this.schemes.set(CHANNEL_SCHEME, {
      it: 'Vocabolario controllato dei canali di erogazione dei servizi',
      en: 'Controlled Vocabulary of the Channels for Public Services',
    });
  }

  private concept(uri: string, def: ConceptDef): NamedNode {
    const existing = this.concepts.get(uri);
    if (!existing) this.concepts.set(uri, def);
    if (!this.schemes.has(def.scheme)) this.schemes.set(def.scheme, undefined);
    return namedNode(uri);
  }

  /** A concept of one of the platform's local code lists ({@link LOCAL_SCHEMES}). */
  local(scheme: string, code: string, labels: Labels): NamedNode {
    const schemeIri = this.iris.scheme(scheme);
    this.schemes.set(schemeIri, LOCAL_SCHEMES[scheme]);
    return this.concept(this.iris.localConcept(scheme, code), { labels, scheme: schemeIri, notation: code });
  }

  /** A concept from a controlled vocabulary of vocabularies.ts, or a local one when the code or its URI is unknown. */
  vocabulary(kind: 'category' | 'life-event', code: string, entry: VocabularyEntry | undefined): NamedNode {
    const uri = clean(entry?.uri);
    const labels = { it: clean(entry?.it) || code, en: clean(entry?.en) || clean(entry?.it) || code };
    const scheme = uri && isAbsoluteIri(uri) ? parentScheme(uri) : undefined;
    if (!scheme) return this.local(kind, code, labels);
    return this.concept(uri, { labels, scheme, notation: code });
  }

  /** Italian (EU language table), also a dct:LinguisticSystem as the shapes require. */
  language(): NamedNode {
    return this.concept(LANGUAGE_ITA, {
      labels: { it: 'italiano', en: 'Italian' },
      scheme: `${EU_AUTHORITY}language`,
      notation: 'ITA',
      extraTypes: [iri('dct', 'LinguisticSystem')],
    });
  }

  currencyEur(): NamedNode {
    return this.concept(CURRENCY_EUR, { labels: { it: 'euro', en: 'euro' }, scheme: `${EU_AUTHORITY}currency`, notation: 'EUR' });
  }

  weeklyFrequency(): NamedNode {
    return this.concept(FREQUENCY_WEEKLY, { labels: { it: 'settimanale', en: 'weekly' }, scheme: `${EU_AUTHORITY}frequency`, notation: 'WEEKLY' });
  }

  /** The OntoPiA channel type of an online or a desk channel. */
  channelType(kind: keyof typeof CHANNEL_TYPES): NamedNode {
    const t = CHANNEL_TYPES[kind];
    return this.concept(t.uri, { labels: t, scheme: CHANNEL_SCHEME, notation: t.notation });
  }

  /** Defines every concept and scheme used so far. */
  write(g: Graph): void {
    for (const [uri, def] of this.concepts) {
      const c = namedNode(uri);
      g.type(c, iri('skos', 'Concept'), ...(def.extraTypes ?? []));
      g.text(c, iri('skos', 'prefLabel'), def.labels.it, 'it');
      g.text(c, iri('skos', 'prefLabel'), def.labels.en, 'en');
      g.plain(c, iri('skos', 'notation'), def.notation);
      g.add(c, iri('skos', 'inScheme'), namedNode(def.scheme));
    }
    for (const [uri, title] of this.schemes) {
      const s = namedNode(uri);
      g.type(s, iri('skos', 'ConceptScheme'));
      if (title) {
        g.text(s, iri('dct', 'title'), title.it, 'it');
        g.text(s, iri('dct', 'title'), title.en, 'en');
      }
    }
  }
}
