/**
 * The rules every deployment starts with, offered by the platform to every body's citizens. They are written to
 * recommendation_rules when missing (never over an administrator's change): from then on they are data, which a
 * platform administrator edits and a body replaces with its own rule of the same key.
 */
import type { RecommendationCondition } from '../../../contracts/recommendations.ts';

export interface DefaultRule {
  key: string;
  condition: RecommendationCondition;
  title: string;
  message: string;
  reason: string;
  link: string;
}

export const DEFAULT_RULES: readonly DefaultRule[] = [
  {
    key: 'asilo-nido',
    condition: { type: 'child_age_at_window', serviceSlug: 'iscrizione-asilo-nido', minMonths: 3, maxMonths: 36, showDaysBefore: 30 },
    title: 'Iscrizioni al nido: {{figlio}} ha l\'età giusta',
    message: 'Le domande per l\'asilo nido si presentano online dal {{apertura}} al {{chiusura}}. All\'apertura {{figlio}} avrà {{mesi}} mesi.',
    reason: 'Nella tua famiglia anagrafica c\'è {{figlio}}, che all\'apertura delle iscrizioni avrà {{mesi}} mesi: il nido accoglie bambini dai 3 ai 36 mesi.',
    link: '{{link_servizio}}',
  },
  {
    key: 'carta-identita',
    condition: { type: 'id_card_expiring', withinDays: 90, includeExpired: true, serviceSlug: 'carta-identita-elettronica' },
    title: 'Rinnova la carta d\'identità',
    message: 'La tua carta d\'identità {{scadenza}}. Puoi chiedere la nuova carta d\'identità elettronica al {{ente}}.',
    reason: 'L\'anagrafe del {{ente}} riporta il {{data}} come data di scadenza della tua carta d\'identità.',
    link: '{{link_servizio}}',
  },
  {
    key: 'preferito-aggiornato',
    condition: { type: 'favourite_changed', withinDays: 30 },
    title: 'È cambiato un servizio che segui',
    message: 'La scheda «{{servizio}}» ({{ente}}) è stata aggiornata il {{data}}: controlla che cosa è cambiato.',
    reason: 'Hai messo «{{servizio}}» tra i tuoi servizi preferiti e dopo ne è stata pubblicata una nuova versione.',
    link: '{{link_servizio}}',
  },
  {
    // a payable position of the citizen's falling due within 15 days
    key: 'pagamento-in-scadenza',
    condition: { type: 'payment_due', withinDays: 15 },
    title: 'Pagamento in scadenza',
    message: '{{servizio}}: {{importo}} da pagare entro il {{data}}.',
    reason: 'C\'è un avviso di pagamento a tuo nome ({{ente}}) che scade tra {{giorni}} giorni.',
    link: '{{link_servizio}}',
  },
];
