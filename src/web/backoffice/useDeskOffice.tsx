/**
 * The office a desk page (counter, reception, agenda) works at. A manager (body-wide) chooses among the body's
 * offices; a desk operator works at the office of their role, and chooses between them when they hold desk roles in
 * more than one. The choice is kept for the browser session, shared by the desk pages, so that the counter, the
 * reception and the agenda open on the same office; a remembered office no longer offered is not used.
 */
import { useQuery } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useOutletContext } from 'react-router';
import { api } from '../api/client';
import type { OperatorWithGrants } from '../api/desk';
import type { Operator } from '../api/types';
import { SelectField } from '../ui/fields';
import { ErrorMessage, Loading } from '../ui/status';
import { deskOfficesOf } from './deskAccess';

const CHOSEN_OFFICE = 'sportello.desk.office';

function remembered(): string {
  try {
    return window.sessionStorage.getItem(CHOSEN_OFFICE) ?? '';
  } catch {
    return '';
  }
}

export interface DeskOfficeLabels {
  /** the select's id */
  id: string;
  label: string;
  emptyLabel: string;
  className?: string;
}

export function useDeskOffice(labels: DeskOfficeLabels): { operator: OperatorWithGrants; officeId: string | null; officeName: string | null; picker: ReactNode } {
  const operator = useOutletContext<Operator>() as OperatorWithGrants;
  const allowed = deskOfficesOf(operator);
  // one office of their own: nothing to choose
  const only = allowed?.length === 1 ? allowed[0] : null;
  const [chosen, setChosen] = useState<string>(remembered);
  const offices = useQuery({
    queryKey: ['offices', operator.tenant.id],
    queryFn: ({ signal }) => api.offices(operator.tenant.id, signal),
  });
  const choices = offices.data?.items.filter((o) => allowed === null || allowed.includes(o.id)) ?? [];
  const known = choices.some((o) => o.id === chosen);
  const officeId = only ?? (known ? chosen : null);
  const officeName = offices.data?.items.find((o) => o.id === officeId)?.name ?? null;
  const choose = (id: string) => {
    setChosen(id);
    try {
      window.sessionStorage.setItem(CHOSEN_OFFICE, id);
    } catch {
      // the choice then lasts for this page only
    }
  };
  const picker = only || allowed?.length === 0 ? null : offices.data ? (
    <SelectField
      id={labels.id}
      className={labels.className}
      label={labels.label}
      value={known ? chosen : ''}
      onValueChange={choose}
      emptyLabel={labels.emptyLabel}
      options={choices.map((o) => ({ value: o.id, label: o.name }))}
    />
  ) : offices.isError ? (
    <ErrorMessage error={offices.error} retry={() => void offices.refetch()} />
  ) : (
    <Loading />
  );
  return { operator, officeId, officeName, picker };
}
