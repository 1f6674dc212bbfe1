/**
 * Graph builder of the CPSV-AP export: deduplicates triples, groups them by subject for readable Turtle.
 */
import { DataFactory } from 'n3';
import type { Literal, NamedNode, Quad } from 'n3';
import { NS, RDF_TYPE } from './cpsv.namespaces.ts';
import { clean } from './cpsv.values.ts';

const { namedNode, literal, quad } = DataFactory;

export class Graph {
  private readonly bySubject = new Map<string, Quad[]>();
  private readonly seen = new Set<string>();

  add(s: NamedNode, p: NamedNode, o: NamedNode | Literal): void {
    const key = `${s.value}\u0000${p.value}\u0000${o.termType}\u0000${o.value}\u0000${
      o.termType === 'Literal' ? `${o.language}\u0000${o.datatype.value}` : ''
    }`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    let list = this.bySubject.get(s.value);
    if (!list) this.bySubject.set(s.value, (list = []));
    list.push(quad(s, p, o));
  }

  type(s: NamedNode, ...classes: NamedNode[]): void {
    for (const c of classes) this.add(s, RDF_TYPE, c);
  }

  /** A language-tagged string, skipped when empty. */
  text(s: NamedNode, p: NamedNode, value: string | undefined, lang = 'it'): void {
    const v = clean(value);
    if (v) this.add(s, p, literal(v, lang));
  }

  /** A plain (xsd:string) literal, skipped when empty. */
  plain(s: NamedNode, p: NamedNode, value: string | undefined): void {
    const v = clean(value);
    if (v) this.add(s, p, literal(v));
  }

  typed(s: NamedNode, p: NamedNode, value: string, datatype: string): void {
    this.add(s, p, literal(value, namedNode(NS.xsd + datatype)));
  }

  quads(): Quad[] {
    return [...this.bySubject.values()].flat();
  }
}
