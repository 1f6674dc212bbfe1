/** /backoffice: those who work on applications start from their workspace, administrators from the catalogue. */
import { Navigate, useOutletContext } from 'react-router';
import type { Operator } from '../../api/types';
import { landingPath } from './model';

export default function OperatorHome() {
  const operator = useOutletContext<Operator>();
  return <Navigate to={landingPath(operator)} replace />;
}
