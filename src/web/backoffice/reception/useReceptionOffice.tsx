/**
 * The office the reception works at: a desk operator's comes with their role; a manager chooses among the body's
 * offices (the choice is kept for the session, so the reception and the agenda open on the same office).
 */
import { useQuery } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useOutletContext } from 'react-router';
import { api } from '../../api/client';
import type { OperatorWithGrants } from '../../api/desk';
import type { Operator } from '../../api/types';
import { SelectField } from '../../ui/fields';
import { ErrorMessage, Loading } from '../../ui/status';

const CHOSEN_OFFICE = 'sportello.reception.office';

export { worksAtReception } from '../deskAccess';

function remembered(): string {
  try {
    return window.sessionStorage.getItem(CHOSEN_OFFICE) ?? '';
  } catch {
    return '';
  }
}

export function useReceptionOffice(): { operator: OperatorWithGrants; officeId: string | null; officeName: string | null; picker: ReactNode } {
  const { t } = useTranslation();
  const operator = useOutletContext<Operator>() as OperatorWithGrants;
  const grantOffice = operator.grants?.find((g) => g.role === 'desk' && g.officeId)?.officeId ?? null;
  const [chosen, setChosen] = useState<string>(remembered);
  const offices = useQuery({
    queryKey: ['offices', operator.tenant.id],
    queryFn: ({ signal }) => api.offices(operator.tenant.id, signal),
  });
  const officeId = grantOffice ?? (chosen || null);
  const officeName = offices.data?.items.find((o) => o.id === officeId)?.name ?? null;
  const choose = (id: string) => {
    setChosen(id);
    try {
      window.sessionStorage.setItem(CHOSEN_OFFICE, id);
    } catch {
      // the choice then lasts for this page only
    }
  };
  const picker = grantOffice ? null : offices.data ? (
    <SelectField
      id="reception-office"
      className="sp-reception-office"
      label={t('reception.office.label')}
      value={chosen}
      onValueChange={choose}
      emptyLabel={t('reception.office.choose')}
      options={offices.data.items.map((o) => ({ value: o.id, label: o.name }))}
    />
  ) : offices.isError ? (
    <ErrorMessage error={offices.error} retry={() => void offices.refetch()} />
  ) : (
    <Loading />
  );
  return { operator, officeId, officeName, picker };
}
