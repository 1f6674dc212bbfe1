/**
 * Offices in the CPSV-AP export: the contact point of an office, its address and its opening hours.
 */
import { DataFactory } from 'n3';
import type { NamedNode } from 'n3';
import type { ConceptRegistry } from './cpsv.concepts.ts';
import type { Graph } from './cpsv.graph.ts';
import { iri, type CpsvIris } from './cpsv.namespaces.ts';
import type { CatalogExportOffice } from './cpsv.types.ts';
import { clean, parseTime } from './cpsv.values.ts';

const { namedNode } = DataFactory;

const DAYS: Array<{ iri: string; it: string }> = [
  { iri: 'Monday', it: 'lunedì' },
  { iri: 'Tuesday', it: 'martedì' },
  { iri: 'Wednesday', it: 'mercoledì' },
  { iri: 'Thursday', it: 'giovedì' },
  { iri: 'Friday', it: 'venerdì' },
  { iri: 'Saturday', it: 'sabato' },
  { iri: 'Sunday', it: 'domenica' },
];

/** "Via Roma 12, 38027 Malè (TN)", leaving out the parts that are empty. */
export function fullAddress(o: CatalogExportOffice): string {
  const cityLine = [clean(o.postalCode), clean(o.city), clean(o.province) ? `(${clean(o.province)})` : '']
    .filter(Boolean)
    .join(' ');
  return [clean(o.address), cityLine].filter(Boolean).join(', ');
}

export class OfficeWriter {
  constructor(
    private readonly g: Graph,
    private readonly iris: CpsvIris,
    private readonly concepts: ConceptRegistry,
  ) {}

  /** The office's cv:ContactPoint (also schema:ContactPoint) with its address and opening hours. */
  contactPoint(office: CatalogExportOffice): NamedNode {
    const g = this.g;
    const base = this.iris.office(office.id);
    const cp = namedNode(`${base}/contact-point`);
    g.type(cp, iri('cv', 'ContactPoint'), iri('schema', 'ContactPoint'));
    g.text(cp, iri('rdfs', 'label'), office.name);
    g.plain(cp, iri('cv', 'email'), office.email);
    g.plain(cp, iri('cv', 'telephone'), office.phone);
    for (const h of this.openingHours(office)) g.add(cp, iri('cv', 'openingHours'), h);

    const addr = namedNode(`${base}/address`);
    g.add(cp, iri('locn', 'address'), addr);
    g.type(addr, iri('locn', 'Address'));
    g.text(addr, iri('locn', 'fullAddress'), fullAddress(office));
    g.text(addr, iri('locn', 'thoroughfare'), office.address);
    g.plain(addr, iri('locn', 'postCode'), office.postalCode);
    g.text(addr, iri('locn', 'postName'), office.city);
    g.text(addr, iri('locn', 'adminUnitL2'), office.province);
    g.text(addr, iri('locn', 'adminUnitL1'), 'Italia');
    return cp;
  }

  /**
   * One time:TemporalEntity per opening-hours line and day, with a weekly frequency, an Italian description and
   * the beginning and end as OWL-Time instants (as in the official example).
   */
  openingHours(office: CatalogExportOffice): NamedNode[] {
    const g = this.g;
    const nodes: NamedNode[] = [];
    const base = this.iris.office(office.id);
    office.openingHours.forEach((line, i) => {
      const opens = parseTime(line.opens);
      const closes = parseTime(line.closes);
      for (const day of [...new Set(line.days)].sort((a, b) => a - b)) {
        const d = DAYS[day - 1];
        if (!d) continue;
        const h = namedNode(`${base}/hours/${i + 1}/${day}`);
        nodes.push(h);
        g.type(h, iri('time', 'TemporalEntity'));
        const note = clean(line.note);
        g.text(h, iri('dct', 'description'), `${d.it} ${clean(line.opens)}–${clean(line.closes)}${note ? ` (${note})` : ''}`);
        g.add(h, iri('cv', 'frequency'), this.concepts.weeklyFrequency());
        for (const [edge, t] of [['beginning', opens], ['end', closes]] as const) {
          if (!t) continue;
          const instant = namedNode(`${h.value}#${edge}`);
          const desc = namedNode(`${h.value}#${edge}-time`);
          g.add(h, iri('time', edge === 'beginning' ? 'hasBeginning' : 'hasEnd'), instant);
          g.type(instant, iri('time', 'Instant'));
          g.add(instant, iri('time', 'inDateTime'), desc);
          g.type(desc, iri('time', 'DateTimeDescription'));
          g.add(desc, iri('time', 'dayOfWeek'), iri('time', d.iri));
          g.typed(desc, iri('time', 'hour'), String(t.hour), 'nonNegativeInteger');
          g.typed(desc, iri('time', 'minute'), String(t.minute), 'nonNegativeInteger');
          g.add(desc, iri('time', 'unitType'), iri('time', 'unitMinute'));
        }
      }
    });
    return nodes;
  }
}
