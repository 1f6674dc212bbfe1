/**
 * Payments on an application's page in "Le mie pratiche": the banner at the top while the application waits for a
 * payment ("L'ufficio ti chiede un pagamento di … per proseguire", or the payment before sending), and the
 * "Pagamenti" section listing the application's payments with their status and "Paga" when payable.
 */
import { Icon as KitIcon } from 'design-react-kit';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ApplicationDetail } from '../../../contracts/applications';
import { formatEuro } from '../../../contracts/payments';
import { paymentsOf, paymentUrl } from '../../api/payments';
import { awaitedPayment, isPayable } from './format';
import { PaymentDue } from './PaymentDue';
import { PaymentStatusBadge } from './PaymentStatusBadge';
import './payments.css';

/** The application waits for a payment: what, how much, and the way to pay it. Null otherwise. */
export function PaymentBanner({ application }: { application: ApplicationDetail }) {
  const { t } = useTranslation();
  if (application.status !== 'payment_pending') return null;
  const p = awaitedPayment(paymentsOf(application));
  if (!p) return null;
  const before = p.purpose === 'before_submission';
  const amount = formatEuro(p.amountCents);
  return (
    <section className="sp-pay-banner" aria-labelledby="pagamento-richiesto">
      <h2 className="h4" id="pagamento-richiesto">
        <KitIcon icon="it-card" className="sp-icon" focusable="false" aria-hidden="true" />
        <span>{before ? t('payments.practice.bannerBefore', { amount }) : t('payments.practice.bannerRequested', { amount })}</span>
      </h2>
      <p className="mb-1">{before ? t('payments.practice.bannerBeforeBody') : t('payments.practice.bannerRequestedBody')}</p>
      <p className="mb-3">
        <PaymentDue payment={p} />
      </p>
      <Link to={paymentUrl(p.id)} className="btn btn-primary">
        {t('payments.practice.bannerLink')}
      </Link>
    </section>
  );
}

/** "Pagamenti": every payment of the application; nothing when it has none. */
export function PaymentsSection({ application }: { application: ApplicationDetail }) {
  const { t, i18n } = useTranslation();
  const it = i18n.language === 'it' ? undefined : 'it';
  const payments = [...paymentsOf(application)].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  if (payments.length === 0) return null;
  return (
    <section className="sp-detail-section" aria-labelledby="pagamenti">
      <h2 className="h3" id="pagamenti">
        {t('payments.practice.sectionTitle')}
      </h2>
      <ul className="sp-pay-app-list">
        {payments.map((p) => (
          <li key={p.id} className="sp-pay-app-item">
            <div className="sp-pay-app-head">
              <span className="fw-semibold" lang={it}>
                {p.description}
              </span>
              <PaymentStatusBadge status={p.status} />
            </div>
            <p className="sp-pay-amount-line mb-1">
              <span className="sp-pay-amount sp-pay-amount-sm">{formatEuro(p.amountCents)}</span> <PaymentDue payment={p} />
            </p>
            <Link to={paymentUrl(p.id)} className={isPayable(p.status) ? 'btn btn-primary btn-sm' : 'sp-pay-app-link'}>
              {isPayable(p.status) ? t('payments.practice.pay') : t('payments.practice.view')}
              <span className="visually-hidden"> — {p.description}</span>
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
