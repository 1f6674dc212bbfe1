/**
 * "Da pagare prima dell'invio", on the summary of an application whose service asks a payment before sending: the
 * lines the answers make the applicant pay and the total. Nothing when the service asks nothing (total 0).
 */
import { useTranslation } from 'react-i18next';
import { formatEuro, type FeesPreview } from '../../../contracts/payments';
import './payments.css';

export function FeesToPay({ fees }: { fees: FeesPreview }) {
  const { t, i18n } = useTranslation();
  const it = i18n.language === 'it' ? undefined : 'it';
  if (fees.totalCents <= 0) return null;
  return (
    <section className="sp-fees" aria-labelledby="da-pagare-prima">
      <h3 className="h5" id="da-pagare-prima">
        {t('payments.fees.title')}
      </h3>
      <p>{t('payments.fees.intro')}</p>
      <table className="table sp-pay-lines mb-0">
        <caption className="visually-hidden">{t('payments.fees.title')}</caption>
        <thead className="visually-hidden">
          <tr>
            <th scope="col">{t('payments.detail.lineLabel')}</th>
            <th scope="col">{t('payments.detail.lineAmount')}</th>
          </tr>
        </thead>
        <tbody>
          {fees.items.map((item, i) => (
            <tr key={`${item.label}-${i}`}>
              <td lang={it}>{item.label}</td>
              <td className="sp-pay-money">{formatEuro(item.amountCents)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t('payments.detail.total')}</th>
            <td className="sp-pay-money fw-bold" data-testid="fees-total">
              {formatEuro(fees.totalCents)}
            </td>
          </tr>
        </tfoot>
      </table>
    </section>
  );
}
