/**
 * The way into "I miei pagamenti" from the personal area; says how many payments are still to make. Small on
 * purpose: part of the personal area's chunk; the pages load on demand.
 */
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { MY_PAYMENTS, paymentKeys, paymentsApi } from '../../api/payments';
import { PersonalAreaLinkCard } from '../PersonalAreaLinkCard';

const COUNT_LIMIT = 20;

export function PaymentsLinkCard() {
  const { t } = useTranslation();
  // Only for "Hai n pagamenti da fare"; a failure just leaves the sentence out.
  const due = useQuery({
    queryKey: [...paymentKeys.list('due'), 'count'],
    queryFn: ({ signal }) => paymentsApi.mine({ status: 'due', limit: COUNT_LIMIT }, signal),
    staleTime: 0,
    retry: false,
  });
  const count = due.data?.items.length ?? 0;
  return (
    <PersonalAreaLinkCard icon="it-card" to={MY_PAYMENTS} id="pagamenti-link" title={t('payments.entry.title')}>
      <p>{t('payments.entry.body')}</p>
      {count > 0 && <p className="fw-semibold sp-pay-entry-due">{due.data?.nextCursor ? t('payments.entry.dueMany') : t('payments.entry.due', { count })}</p>}
    </PersonalAreaLinkCard>
  );
}
