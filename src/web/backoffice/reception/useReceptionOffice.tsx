/**
 * The office the reception and the agenda work at: the desk pages' shared choice (../useDeskOffice), with the
 * reception's words.
 */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { OperatorWithGrants } from '../../api/desk';
import { useDeskOffice } from '../useDeskOffice';

export { worksAtReception } from '../deskAccess';

export function useReceptionOffice(): { operator: OperatorWithGrants; officeId: string | null; officeName: string | null; picker: ReactNode } {
  const { t } = useTranslation();
  return useDeskOffice({ id: 'reception-office', className: 'sp-reception-office', label: t('reception.office.label'), emptyLabel: t('reception.office.choose') });
}
