/**
 * Under the header on every page, while a citizen acts for someone else (a minor child, a client who delegated
 * them, a company they represent): whom, with a link to change and a button to go back to acting for oneself.
 * The live region is always there, so that the banner appearing or going away is announced.
 */
import { Button } from 'design-react-kit';
import { Trans, useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { SubjectKind } from '../api/types';
import { Icon } from '../ui/Icon';
import { CHOOSE_SUBJECT_URL, useChooseSubject, useCitizen } from './useSession';

export const subjectKindLabel = (kind: SubjectKind, t: (key: string) => string) => t(`actingFor.kinds.${kind}`);

export function ActingForBanner() {
  const { t } = useTranslation();
  const session = useCitizen();
  const choose = useChooseSubject();
  const citizen = session.data;
  const subject = citizen && citizen.actingFor.kind !== 'self' ? citizen.actingFor : null;

  return (
    <div role="status" className="sp-acting-for-region">
      {citizen && subject && (
        <div className="sp-acting-for">
          <div className="container sp-acting-for-inner">
            <Icon name="user" className="sp-acting-for-icon" />
            <div className="sp-acting-for-text">
              <p className="mb-0">
                <Trans
                  i18nKey="actingFor.banner"
                  values={{ name: subject.name, kind: subjectKindLabel(subject.kind, t) }}
                  components={{ strong: <strong /> }}
                />
              </p>
              <p className="mb-0 sp-acting-for-meta">
                <span>
                  {t('actingFor.fiscalCode')} <span className="sp-cf">{subject.fiscalCode}</span>
                </span>
                <span aria-hidden="true"> · </span>
                <Link to={CHOOSE_SUBJECT_URL}>
                  {t('actingFor.change')}
                  <span className="visually-hidden"> {t('actingFor.changeHidden')}</span>
                </Link>
              </p>
              {choose.isError && <p className="mb-0 mt-1 sp-acting-for-error">{t('actingFor.backFailed')}</p>}
            </div>
            <Button
              type="button"
              color="primary"
              outline
              size="sm"
              className="sp-acting-for-back"
              disabled={choose.isPending}
              onClick={() => choose.mutate({ kind: 'self', id: citizen.id })}
            >
              {t('actingFor.backToSelf')}
            </Button>
          </div>
        </div>
      )}
    </div>
  );
}
