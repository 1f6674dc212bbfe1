/**
 * The due-date line of a payment, the same in the list, on the payment's page and on the application's page:
 * "Entro il 12/01/2027", "Scaduto il 12/01/2027" (marked), "Pagato il 20/01/2027"; nothing when cancelled or expired.
 */
import { useTranslation } from 'react-i18next';
import type { PaymentSummary } from '../../../contracts/payments';
import { formatDate, romeDay } from '../practices/format';
import { dueState } from './format';

export function PaymentDue({ payment, className = '' }: { payment: Pick<PaymentSummary, 'status' | 'dueDate' | 'paidAt'>; className?: string }) {
  const { t, i18n } = useTranslation();
  const state = dueState(payment, romeDay());
  if (state.kind === 'none') return null;
  const date = formatDate(state.date, i18n.language);
  return (
    <span className={`sp-pay-due sp-pay-due-${state.kind}${className ? ` ${className}` : ''}`}>
      {state.kind === 'late' && (
        <svg className="sp-pay-due-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
          <path d="M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20Zm1 15h-2v-2h2v2Zm0-4h-2V7h2v6Z" />
        </svg>
      )}
      {t(`payments.due.${state.kind}`, { date })}
    </span>
  );
}
