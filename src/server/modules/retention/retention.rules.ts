/**
 * How long each kind of record holding personal data is kept, and why. The daily job (retention.service.ts) applies
 * these; `GET /api/v1/retention-rules` shows them to anyone, so that a citizen reads in plain words what is kept,
 * for how long and on what basis, and what is never removed because the law asks the body to keep it.
 */
export interface RetentionRule {
  /** stable key, also the key of the day's counts in retention_runs */
  kind: string;
  /** what is concerned, in Italian */
  what: string;
  /** days after the record's last change or end; null = kept (see `basis`) */
  days: number | null;
  /** removed, or emptied of personal data while the record stays for statistics */
  action: 'delete' | 'anonymise' | 'keep';
  /** why this period, or why it is kept, in Italian */
  basis: string;
}

export const RETENTION_RULES: RetentionRule[] = [
  {
    kind: 'abandoned_drafts',
    what: 'Bozze di domanda mai inviate, con i loro allegati',
    days: 365,
    action: 'delete',
    basis: "Una bozza è un lavoro non concluso della persona: l'ente non ha obblighi di conservarla. Dopo un anno senza modifiche è cancellata con gli allegati (non quelle con un pagamento avviato, che resta nei conti dell'ente).",
  },
  {
    kind: 'appointments',
    what: 'Appuntamenti allo sportello: recapiti e motivo',
    days: 365,
    action: 'anonymise',
    basis: "Servono per organizzare la visita. Un anno dopo la data, nome, codice fiscale, recapiti e motivo sono cancellati; restano giorno, ufficio e servizio per le statistiche dell'affluenza.",
  },
  {
    kind: 'idempotency_keys',
    what: 'Copie tecniche delle risposte, per i nuovi tentativi di invio',
    days: 7,
    action: 'delete',
    basis: 'Servono solo a non registrare due volte una richiesta ripetuta (per esempio dopo una connessione caduta): una settimana basta.',
  },
  {
    kind: 'sessions',
    what: 'Sessioni di accesso scadute e accessi non completati',
    days: 0,
    action: 'delete',
    basis: 'Cancellate appena scadute.',
  },
  {
    kind: 'applications',
    what: 'Domande inviate, documenti, protocollo e storia della pratica',
    days: null,
    action: 'keep',
    basis: "Fanno parte dell'archivio dell'ente, che la legge obbliga a conservare (DPR 445/2000, Codice dei beni culturali d.lgs. 42/2004, piano di conservazione dell'ente): non si cancellano su richiesta.",
  },
  {
    kind: 'access_log',
    what: 'Registro di chi ha consultato i tuoi dati',
    days: null,
    action: 'keep',
    basis: 'È la prova, a tua tutela, di chi ha letto i tuoi dati e perché: si conserva quanto i dati a cui si riferisce.',
  },
  {
    kind: 'audit_log',
    what: 'Registro di sicurezza',
    days: null,
    action: 'keep',
    basis: 'Registro a catena non modificabile delle operazioni rilevanti per la sicurezza: non si cancella, per poterne verificare l\'integrità.',
  },
];

export const ruleOf = (kind: string): RetentionRule => {
  const rule = RETENTION_RULES.find((r) => r.kind === kind);
  if (!rule) throw new Error(`no retention rule ${kind}`);
  return rule;
};
