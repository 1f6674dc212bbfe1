import { describe, expect, it } from 'vitest';
import type { ServiceForm } from '../../../contracts/forms.ts';
import { answerSections, matches } from './answers.ts';

/** A small residence-change form: two steps, a conditional field, a family list, options and a nested address. */
const form: ServiceForm = {
  schema: {
    type: 'object',
    properties: {
      richiedente: {
        type: 'object',
        title: 'Richiedente',
        properties: {
          nome: { type: 'string', title: 'Nome' },
          cognome: { type: 'string', title: 'Cognome' },
          codiceFiscale: { type: 'string', title: 'Codice fiscale' },
          dataNascita: { type: 'string', format: 'date', title: 'Data di nascita' },
          email: { type: 'string', title: 'Email' },
          telefono: { type: 'string' },
        },
      },
      nuovaResidenza: {
        type: 'object',
        title: 'Nuova residenza',
        properties: {
          indirizzo: {
            type: 'object',
            title: 'Indirizzo',
            properties: { via: { type: 'string', title: 'Via' }, civico: { type: 'string', title: 'Numero civico' }, cap: { type: 'string', title: 'CAP' } },
          },
          titolo: {
            type: 'string',
            title: "Titolo di occupazione dell'alloggio",
            oneOf: [
              { const: 'proprieta', title: 'Proprietà' },
              { const: 'affitto', title: 'Locazione' },
            ],
          },
          tipoAlloggio: { type: 'string', title: 'Tipo di alloggio', enum: ['app', 'casa'], enumNames: ['Appartamento', 'Casa indipendente'] },
          trasferimentoDaEstero: { type: 'boolean', title: "Provieni dall'estero?" },
          animali: { type: 'boolean', title: 'Animali domestici' },
          componenti: {
            type: 'array',
            title: 'Persone che si trasferiscono con te',
            items: {
              type: 'object',
              title: 'Componente',
              properties: {
                nome: { type: 'string', title: 'Nome e cognome' },
                codiceFiscale: { type: 'string', title: 'Codice fiscale' },
                parentela: { type: 'string', title: 'Parentela', oneOf: [{ const: 'figlio', title: 'Figlio/a' }, { const: 'coniuge', title: 'Coniuge' }] },
              },
            },
          },
          servizi: {
            type: 'array',
            title: 'Utenze da volturare',
            uniqueItems: true,
            items: { type: 'string', oneOf: [{ const: 'acqua', title: 'Acqua' }, { const: 'rifiuti', title: 'Rifiuti (TARI)' }, { const: 'gas', title: 'Gas' }] },
          },
          importo: { type: 'number', title: 'Canone mensile (€)' },
        },
        allOf: [
          {
            if: { properties: { titolo: { const: 'affitto' } }, required: ['titolo'] },
            then: { properties: { contratto: { type: 'string', title: 'Estremi del contratto di locazione' } }, required: ['contratto'] },
            else: { properties: { catasto: { type: 'string', title: 'Dati catastali' } } },
          },
        ],
        dependencies: {
          trasferimentoDaEstero: {
            oneOf: [
              { properties: { trasferimentoDaEstero: { const: true }, statoEstero: { type: 'string', title: 'Stato di provenienza' } } },
              { properties: { trasferimentoDaEstero: { const: false } } },
            ],
          },
        },
      },
    },
  },
  uiSchema: {
    richiedente: { 'ui:order': ['cognome', 'nome', '*'], email: { 'ui:title': 'Indirizzo email' } },
    nuovaResidenza: { 'ui:order': ['titolo', '*', 'indirizzo'], animali: { 'ui:widget': 'hidden' } },
  },
  steps: [
    { id: 'richiedente', title: 'Chi presenta la domanda' },
    { id: 'nuovaResidenza', title: 'La nuova residenza' },
  ],
  prefill: {},
  attachments: [],
  limits: { maxFiles: 10, maxTotalMb: 20 },
};

describe('answerSections', () => {
  it('labels every answer by its title, in step and property order (ui:order), with values as the form showed them', () => {
    const sections = answerSections(form, {
      // the steps' order comes from the form, not from the saved document
      nuovaResidenza: {
        indirizzo: { via: 'Via Garibaldi', civico: '12/B', cap: '24029' },
        titolo: 'affitto',
        contratto: 'Reg. 1234 serie 3T del 02/09/2026',
        catasto: 'foglio 3 mappale 12', // answered before switching to "affitto": hidden by the if/else, so left out
        tipoAlloggio: 'app',
        trasferimentoDaEstero: true,
        statoEstero: 'Croazia',
        animali: true,
        componenti: [
          { nome: 'Mario Rossi', codiceFiscale: 'RSSMRA80A01H501U', parentela: 'coniuge' },
          { nome: 'Đorđe Rossi', codiceFiscale: 'RSSDRD15C12H501X', parentela: 'figlio' },
        ],
        servizi: ['rifiuti', 'acqua'],
        importo: 550.5,
      },
      richiedente: {
        nome: 'Giulia',
        cognome: 'Ferrari',
        codiceFiscale: 'FRRGLI84E54A794K',
        dataNascita: '1984-05-14',
        email: 'giulia@example.org',
        telefono: '',
      },
    });

    expect(sections).toEqual([
      {
        title: 'Chi presenta la domanda',
        rows: [
          { label: 'Cognome', value: 'Ferrari' },
          { label: 'Nome', value: 'Giulia' },
          { label: 'Codice fiscale', value: 'FRRGLI84E54A794K' },
          { label: 'Data di nascita', value: '14/05/1984' },
          { label: 'Indirizzo email', value: 'giulia@example.org' },
        ],
      },
      {
        title: 'La nuova residenza',
        rows: [
          { label: "Titolo di occupazione dell'alloggio", value: 'Locazione' },
          { label: 'Tipo di alloggio', value: 'Appartamento' },
          { label: "Provieni dall'estero?", value: 'Sì' },
          { label: 'Componente 1', value: 'Mario Rossi, RSSMRA80A01H501U, Coniuge' },
          { label: 'Componente 2', value: 'Đorđe Rossi, RSSDRD15C12H501X, Figlio/a' },
          { label: 'Utenze da volturare', value: 'Rifiuti (TARI), Acqua' },
          { label: 'Canone mensile (€)', value: '550,5' },
          { label: 'Estremi del contratto di locazione', value: 'Reg. 1234 serie 3T del 02/09/2026' },
          { label: 'Stato di provenienza', value: 'Croazia' },
          { label: 'Indirizzo › Via', value: 'Via Garibaldi' },
          { label: 'Indirizzo › Numero civico', value: '12/B' },
          { label: 'Indirizzo › CAP', value: '24029' },
        ],
      },
    ]);
  });

  it('shows the other branch when the condition does not hold, "No" for false, and leaves unanswered steps out', () => {
    const sections = answerSections(form, {
      nuovaResidenza: { titolo: 'proprieta', catasto: 'foglio 3 mappale 12', contratto: 'stale', trasferimentoDaEstero: false, statoEstero: 'stale', componenti: [] },
    });
    expect(sections).toEqual([
      {
        title: 'La nuova residenza',
        rows: [
          { label: "Titolo di occupazione dell'alloggio", value: 'Proprietà' },
          { label: "Provieni dall'estero?", value: 'No' },
          { label: 'Dati catastali', value: 'foglio 3 mappale 12' },
        ],
      },
    ]);
    expect(answerSections(form, {})).toEqual([]);
  });

  it('names a property without a title from its key and keeps unknown option codes as they are', () => {
    const sections = answerSections(form, { richiedente: { telefono: '+39 333 1234567' }, nuovaResidenza: { tipoAlloggio: 'altro' } });
    expect(sections.map((s) => s.rows)).toEqual([
      [{ label: 'Telefono', value: '+39 333 1234567' }],
      [{ label: 'Tipo di alloggio', value: 'altro' }],
    ]);
  });
});

describe('answerSections on a form read back from jsonb', () => {
  it('without ui:order, follows `required` (jsonb re-sorts object keys by length, arrays keep their order)', () => {
    const stored: ServiceForm = {
      ...form,
      schema: {
        type: 'object',
        properties: {
          famiglia: {
            type: 'object',
            properties: {
              componenti: {
                type: 'array',
                items: {
                  type: 'object',
                  title: 'Componente',
                  // as PostgreSQL gives them back: shorter keys first
                  properties: { relation: { type: 'string' }, birthDate: { type: 'string', format: 'date' }, givenName: { type: 'string' }, familyName: { type: 'string' } },
                  required: ['givenName', 'familyName', 'birthDate', 'relation'],
                },
              },
            },
          },
        },
      },
      uiSchema: {},
      steps: [{ id: 'famiglia', title: 'Famiglia' }],
    };
    const rows = answerSections(stored, {
      famiglia: { componenti: [{ relation: 'figlio', birthDate: '2015-09-03', givenName: 'Sofia', familyName: 'Colombo' }] },
    })[0].rows;
    expect(rows).toEqual([{ label: 'Componente 1', value: 'Sofia, Colombo, 03/09/2015, figlio' }]);
  });
});

describe('answerSections, list items', () => {
  it('keeps the labels of numbers and yes/no inside an item, where a bare value would say nothing', () => {
    const refund: ServiceForm = {
      ...form,
      schema: {
        type: 'object',
        properties: {
          tributo: {
            type: 'object',
            properties: {
              annualita: {
                type: 'array',
                items: {
                  type: 'object',
                  title: 'Anno',
                  properties: {
                    anno: { type: 'integer', title: "Anno d'imposta" },
                    versato: { type: 'number', title: 'Importo versato (euro)' },
                    ravvedimento: { type: 'boolean', title: 'Con ravvedimento' },
                    nota: { type: 'string', title: 'Nota' },
                  },
                },
              },
            },
          },
        },
      },
      uiSchema: {},
      steps: [{ id: 'tributo', title: 'Tributo' }],
    };
    expect(answerSections(refund, { tributo: { annualita: [{ anno: 2025, versato: 306.5, ravvedimento: false, nota: 'seconda rata' }] } })).toEqual([
      { title: 'Tributo', rows: [{ label: 'Anno 1', value: "Anno d'imposta: 2025, Importo versato (euro): 306,5, Con ravvedimento: No, seconda rata" }] },
    ]);
  });
});

describe('matches (conditions of if/then)', () => {
  it('reads the keywords conditions use', () => {
    expect(matches({ properties: { a: { const: 1 } }, required: ['a'] }, { a: 1 })).toBe(true);
    expect(matches({ properties: { a: { const: 1 } }, required: ['a'] }, {})).toBe(false);
    expect(matches({ properties: { a: { enum: ['x', 'y'] } } }, { a: 'z' })).toBe(false);
    expect(matches({ not: { type: 'string' } }, 3)).toBe(true);
    expect(matches({ properties: { n: { minimum: 18 } } }, { n: 17 })).toBe(false);
    expect(matches({ anyOf: [{ const: 'a' }, { const: 'b' }] }, 'b')).toBe(true);
    expect(matches({ properties: { l: { contains: { const: 'gas' } } } }, { l: ['acqua', 'gas'] })).toBe(true);
  });
});
