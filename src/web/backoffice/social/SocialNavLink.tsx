/**
 * The back office's link "Servizi sociali": to the case files for the district's social workers; to the district's
 * figures for its managers and administrators, when /social/me says so (asked only of them). Small: the pages load
 * on demand.
 */
import { useQuery } from '@tanstack/react-query';
import { NavLink } from 'react-router';
import type { Operator } from '../../api/types';
import { request } from '../../api/client';
import { needsSocialMe, socialNavTarget } from './access';

export function SocialNavLink({ operator }: { operator: Operator }) {
  const ask = needsSocialMe(operator);
  const me = useQuery({
    queryKey: ['social', 'me'],
    queryFn: ({ signal }) => request<{ canFigures: boolean }>('/api/v1/social/me', { signal }),
    enabled: ask,
    staleTime: 60_000,
    retry: false,
  });
  const to = socialNavTarget(operator, me.data);
  if (!to) return null;
  return (
    <li>
      <NavLink to={to}>Servizi sociali</NavLink>
    </li>
  );
}
