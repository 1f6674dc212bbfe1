/**
 * Ready answers for the thread with the citizen, per demo comune: what an office writes most days. Placeholders
 * are filled in the back office when an operator inserts one (the thread stays behind login, so the name is fine).
 */
import type { Kysely } from 'kysely';
import { inScope } from '../../../platform/tenancy.ts';
import type { DB } from '../../schema.ts';
import { CASTELROCCA_SLUG, VALDORO_SLUG } from './tenants.ts';

const GREETING = '\n\nCordiali saluti,\n{{ufficio}} — {{ente}}';

export const DEMO_REPLY_TEMPLATES = [
  {
    title: 'Documento mancante',
    body: `Gentile {{richiedente}}, per completare l'istruttoria della pratica {{codice}} («{{servizio}}») ci serve ancora il documento indicato qui sotto. Può allegarlo rispondendo a questo messaggio (PDF, JPG o PNG).${GREETING}`,
  },
  {
    title: 'Pratica in esame',
    body: `Gentile {{richiedente}}, la pratica {{codice}} è in esame presso {{ufficio}}. La risposta arriverà entro il {{scadenza}}; se ci servirà altro glielo scriveremo qui.${GREETING}`,
  },
  {
    title: 'Appuntamento per una verifica',
    body: `Gentile {{richiedente}}, per la pratica {{codice}} abbiamo bisogno di incontrarla presso {{ufficio}}. Può indicarci due giorni e le fasce orarie in cui è disponibile?${GREETING}`,
  },
];

/** Adds the ready answers the comuni do not have yet (by title); a body's own edits are kept. */
export async function seedDemoReplyTemplates(db: Kysely<DB>, ids: Map<string, string>): Promise<void> {
  await inScope(db, { platform: true }, async (trx) => {
    for (const slug of [CASTELROCCA_SLUG, VALDORO_SLUG]) {
      const tenantId = ids.get(slug);
      if (!tenantId) continue;
      await trx.insertInto('reply_templates').values(DEMO_REPLY_TEMPLATES.map((t) => ({ tenant_id: tenantId, ...t })))
        .onConflict((oc) => oc.columns(['tenant_id', 'title']).doNothing()).execute();
    }
  });
}
