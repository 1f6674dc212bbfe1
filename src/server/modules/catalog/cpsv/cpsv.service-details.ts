/**
 * The parts of a public service in the CPSV-AP export: channels, costs, legal resources, evidences, the eligibility
 * requirement, rules and output (the sections of the service card).
 */
import { DataFactory } from 'n3';
import type { NamedNode } from 'n3';
import type { ConceptRegistry } from './cpsv.concepts.ts';
import type { Graph } from './cpsv.graph.ts';
import { iri, type CpsvIris } from './cpsv.namespaces.ts';
import { fullAddress, type OfficeWriter } from './cpsv.offices.ts';
import type { CatalogExportOffice, CatalogExportService } from './cpsv.types.ts';
import { clean, euro, headline, httpUrl, shortHash, slugify } from './cpsv.values.ts';

const { namedNode } = DataFactory;

export class ServiceDetailsWriter {
  constructor(
    private readonly g: Graph,
    private readonly iris: CpsvIris,
    private readonly concepts: ConceptRegistry,
    private readonly offices: OfficeWriter,
  ) {}

  /**
   * Writes the parts of service `s` (node `svc`, competent authority `org`, responsible office when known, language
   * concept `ita`).
   */
  write(s: CatalogExportService, svc: NamedNode, org: NamedNode, office: CatalogExportOffice | undefined, ita: NamedNode): void {
    this.writeChannels(s, svc, org, office);
    this.writeCosts(s, svc, org);
    const legal = this.writeLegalResources(svc, s.card.legalBasis);
    const evidences = this.writeEvidences(s, svc, ita);
    this.writeRequirement(s, svc, evidences);
    this.writeRules(s, svc, ita, legal);
    this.writeOutput(s, svc, ita);
  }

  private writeChannels(s: CatalogExportService, svc: NamedNode, org: NamedNode, office: CatalogExportOffice | undefined): void {
    const g = this.g;
    const { access } = s.card;
    if (access.online) {
      const ch = this.writeChannel(s, svc, 'online');
      g.text(ch, iri('dct', 'description'), access.onlineDescription || 'Servizio online');
      const url = httpUrl(access.onlineUrl);
      if (url) g.add(ch, iri('foaf', 'page'), namedNode(url));
      else g.add(ch, iri('cv', 'ownedBy'), org); // handled by Sportello on behalf of the body
    }
    if (access.desk) {
      const ch = this.writeChannel(s, svc, 'desk');
      const where = office ? `${office.name}, ${fullAddress(office)}` : '';
      g.text(ch, iri('dct', 'description'), [clean(access.deskDescription), where].filter(Boolean).join(' — ') || 'Allo sportello');
      g.add(ch, iri('cv', 'ownedBy'), org);
      if (office) for (const h of this.offices.openingHours(office)) g.add(ch, iri('cv', 'openingHours'), h);
    }
  }

  /** The cv:Channel `<service>/channel/<kind>` of the service, typed by its OntoPiA channel type. */
  private writeChannel(s: CatalogExportService, svc: NamedNode, kind: 'online' | 'desk'): NamedNode {
    const g = this.g;
    const ch = namedNode(`${svc.value}/channel/${kind}`);
    g.add(svc, iri('cv', 'hasChannel'), ch);
    g.type(ch, iri('cv', 'Channel'));
    g.plain(ch, iri('dct', 'identifier'), `${s.id}/channel/${kind}`);
    g.add(ch, iri('dct', 'type'), this.concepts.channelType(kind));
    return ch;
  }

  private writeCosts(s: CatalogExportService, svc: NamedNode, org: NamedNode): void {
    const g = this.g;
    s.card.costs.forEach((cost, i) => {
      const c = namedNode(`${svc.value}/cost/${i + 1}`);
      g.add(svc, iri('cv', 'hasCost'), c);
      g.type(c, iri('cv', 'Cost'));
      g.plain(c, iri('dct', 'identifier'), `${s.id}/cost/${i + 1}`);
      g.typed(c, iri('cv', 'hasValue'), euro(cost.amountCents), 'double');
      g.add(c, iri('cv', 'currency'), this.concepts.currencyEur());
      g.text(c, iri('dct', 'description'), cost.description || (cost.amountCents === 0 ? 'Gratuito' : undefined));
      g.add(c, iri('cv', 'isDefinedBy'), org);
    });
  }

  private writeLegalResources(svc: NamedNode, legalBasis: string[]): NamedNode[] {
    const g = this.g;
    const nodes: NamedNode[] = [];
    for (const raw of legalBasis) {
      const text = clean(raw).replace(/\s+/g, ' ');
      if (!text) continue;
      // Shared across services: the same reference text gives the same IRI.
      const lr = this.iris.legalResource(`${slugify(text)}-${shortHash(text)}`);
      g.add(svc, iri('cv', 'hasLegalResource'), lr);
      g.type(lr, iri('eli', 'LegalResource'));
      g.text(lr, iri('dct', 'title'), text);
      nodes.push(lr);
    }
    return nodes;
  }

  private writeEvidences(s: CatalogExportService, svc: NamedNode, ita: NamedNode): NamedNode[] {
    const g = this.g;
    const nodes: NamedNode[] = [];
    s.card.requirements.forEach((raw, i) => {
      const text = clean(raw);
      if (!text) return;
      const e = namedNode(`${svc.value}/evidence/${i + 1}`);
      g.add(svc, iri('cpsv', 'hasInput'), e);
      g.type(e, iri('cv', 'Evidence'));
      g.plain(e, iri('dct', 'identifier'), `${s.id}/evidence/${i + 1}`);
      g.text(e, iri('dct', 'title'), headline(text));
      if (headline(text) !== text) g.text(e, iri('dct', 'description'), text);
      g.add(e, iri('dct', 'language'), ita);
      nodes.push(e);
    });
    return nodes;
  }

  /** "A chi è rivolto": the eligibility requirement, supported by the evidences of "Cosa serve". */
  private writeRequirement(s: CatalogExportService, svc: NamedNode, evidences: NamedNode[]): void {
    const text = clean(s.card.audienceDescription);
    if (!text) return;
    const g = this.g;
    const r = namedNode(`${svc.value}/requirement/audience`);
    g.add(svc, iri('cv', 'holdsRequirement'), r);
    g.type(r, iri('cv', 'Requirement'));
    g.plain(r, iri('dct', 'identifier'), `${s.id}/requirement/audience`);
    g.text(r, iri('dct', 'title'), 'A chi è rivolto');
    g.text(r, iri('dct', 'description'), text);
    for (const e of evidences) {
      g.add(r, iri('cv', 'hasSupportingEvidence'), e);
      g.add(e, iri('cv', 'supportsRequirement'), r);
    }
  }

  /** "Come fare", "Tempi e scadenze" and "Condizioni" as cpsv:Rule, implementing the legal resources. */
  private writeRules(s: CatalogExportService, svc: NamedNode, ita: NamedNode, legal: NamedNode[]): void {
    const card = s.card;
    const steps = card.howTo.map(clean).filter(Boolean);
    const rules: Array<{ key: string; title: string; text: string }> = [
      { key: 'how-to', title: 'Come fare', text: steps.map((step, i) => `${i + 1}. ${step}`).join('\n') },
      { key: 'time-limits', title: 'Tempi e scadenze', text: clean(card.timeLimits) },
      { key: 'conditions', title: 'Condizioni di servizio', text: clean(card.conditions) },
    ];
    const g = this.g;
    for (const rule of rules) {
      if (!rule.text) continue;
      const r = namedNode(`${svc.value}/rule/${rule.key}`);
      g.add(svc, iri('cpsv', 'follows'), r);
      g.type(r, iri('cpsv', 'Rule'));
      g.plain(r, iri('dct', 'identifier'), `${s.id}/rule/${rule.key}`);
      g.text(r, iri('dct', 'title'), rule.title);
      g.text(r, iri('dct', 'description'), rule.text);
      g.add(r, iri('dct', 'language'), ita);
      for (const lr of legal) g.add(r, iri('cpsv', 'implements'), lr);
    }
  }

  private writeOutput(s: CatalogExportService, svc: NamedNode, ita: NamedNode): void {
    const text = clean(s.card.output);
    if (!text) return;
    const g = this.g;
    const o = namedNode(`${svc.value}/output`);
    g.add(svc, iri('cpsv', 'produces'), o);
    g.type(o, iri('cv', 'Output'));
    g.plain(o, iri('dct', 'identifier'), `${s.id}/output`);
    g.text(o, iri('dct', 'title'), headline(text));
    if (headline(text) !== text) g.text(o, iri('dct', 'description'), text);
    g.add(o, iri('dct', 'language'), ita);
  }
}
