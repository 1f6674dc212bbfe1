/**
 * The back office's link to "Segnalazioni sui dati", with how many wait: shown to those who work on the body's
 * reports (its registry office, managers, administrators), as the server says. Small: the page loads on demand.
 */
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import type { Operator } from '../../api/types';
import { DATA_REPORTS_PATH, dataReportKeys, dataReportsApi } from '../../citizen/mydata/mydataApi';

/** The roles of `data_reports.handle` (src/server/platform/access.ts). */
const ROLES = ['operator', 'manager', 'tenant_admin', 'platform_admin'];

export function DataReportsNavLink({ operator }: { operator: Operator }) {
  const { t } = useTranslation();
  const may = operator.roles.some((r) => ROLES.includes(r));
  const counts = useQuery({ queryKey: dataReportKeys.counts, queryFn: ({ signal }) => dataReportsApi.counts(signal), enabled: may, staleTime: 30_000 });
  if (!may || !counts.data?.handles) return null;
  const waiting = counts.data.open + counts.data.inProgress;
  return (
    <li>
      <NavLink to={DATA_REPORTS_PATH}>
        {t('mydata.office.nav')}
        {waiting > 0 && (
          <>
            <span className="badge bg-primary ms-1" aria-hidden="true">{waiting}</span>
            <span className="visually-hidden"> ({t('mydata.office.navCount', { count: waiting })})</span>
          </>
        )}
      </NavLink>
    </li>
  );
}
