/**
 * The fields of one role grant: the role, the office (operator and desk work in one), and a social worker's
 * scope — comuni, target areas, sectors. Used when creating an operator and when adding a role.
 */
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useOffices, useTenants } from '../../api/queries';
import type { Operator } from '../../api/types';
import { CheckboxField, SelectField, TextField } from '../../ui/fields';
import { adminApi, adminKeys, BODY_ROLES, isPlatformAdmin, OFFICE_ROLES, STAFF_ROLES, TARGET_AREAS, type GrantInput } from './adminApi';
import { controlId } from './forms';
import { roleLabel } from './labels';

export interface GrantDraft {
  role: string;
  officeId: string;
  comuni: string[];
  targetAreas: string[];
  /** comma-separated, as typed */
  sectors: string;
  // the reserved parts of a case (court measures, health data): an explicit permission
  reserved?: boolean;
}

export const emptyGrant = (): GrantDraft => ({ role: '', officeId: '', comuni: [], targetAreas: [], sectors: '' });

export function grantFromDraft(d: GrantDraft): GrantInput {
  const grant: GrantInput = { role: d.role };
  if (d.officeId && !BODY_ROLES.includes(d.role)) grant.officeId = d.officeId;
  if (d.role === 'social_worker') {
    grant.comuni = d.comuni;
    grant.targetAreas = d.targetAreas;
    grant.sectors = d.sectors.split(',').map((s) => s.trim()).filter(Boolean);
    // sent only when given, so that other grants keep their shape
    if (d.reserved) grant.reserved = true;
  }
  return grant;
}

/** Checks made before sending; the server checks again. */
export function grantProblems(d: GrantDraft, prefix: string, t: (k: string) => string): Record<string, string> {
  const found: Record<string, string> = {};
  if (!d.role) found[`${prefix}role`] = t('admin.operators.roleRequired');
  else if (OFFICE_ROLES.includes(d.role) && !d.officeId) found[`${prefix}officeId`] = t('admin.operators.officeRequired');
  return found;
}

/** The comuni a social worker of this body may be scoped to: the body, the bodies below it, its members. */
function useScopeComuni(operator: Operator) {
  const tenants = useTenants();
  const associations = useQuery({
    queryKey: adminKeys.associations(operator.tenant.id),
    queryFn: ({ signal }) => adminApi.associations(operator.tenant.id, signal),
  });
  const members = new Set((associations.data?.items ?? []).filter((a) => a.lead.id === operator.tenant.id).map((a) => a.member.id));
  return (tenants.data?.items ?? []).filter((x) => x.id === operator.tenant.id || x.parentId === operator.tenant.id || members.has(x.id));
}

export function RoleFields({ form, prefix, operator, draft, onChange, errorFor }: {
  form: string;
  /** key prefix of the server's field paths: "grants.0." or "" */
  prefix: string;
  operator: Operator;
  draft: GrantDraft;
  onChange: (next: GrantDraft) => void;
  errorFor: (key: string) => string | undefined;
}) {
  const { t } = useTranslation();
  const offices = useOffices(operator.tenant.id);
  const comuni = useScopeComuni(operator);
  const id = (key: string) => controlId(form, `${prefix}${key}`);
  const err = (key: string) => errorFor(`${prefix}${key}`);
  const roles = STAFF_ROLES.filter((r) => r !== 'platform_admin' || isPlatformAdmin(operator));
  const officeNeeded = OFFICE_ROLES.includes(draft.role);
  const officeAllowed = draft.role !== '' && !BODY_ROLES.includes(draft.role);
  const set = (patch: Partial<GrantDraft>) => onChange({ ...draft, ...patch });
  const toggle = (list: string[], value: string, on: boolean) => (on ? [...list, value] : list.filter((x) => x !== value));
  const comuniError = err('comuni') ?? draft.comuni.map((_, j) => err(`comuni.${j}`)).find(Boolean);

  return (
    <>
      <SelectField
        id={id('role')}
        label={t('admin.operators.role')}
        value={draft.role}
        onValueChange={(role) => set({ role, ...(BODY_ROLES.includes(role) ? { officeId: '' } : {}) })}
        options={roles.map((r) => ({ value: r, label: roleLabel(r, t) }))}
        emptyLabel={t('admin.operators.chooseRole')}
        hint={draft.role ? t(`admin.roleHints.${draft.role}`) : undefined}
        error={err('role')}
        required
      />
      {officeAllowed && (
        <SelectField
          id={id('officeId')}
          label={officeNeeded ? t('admin.operators.office') : t('admin.operators.officeOptional')}
          value={draft.officeId}
          onValueChange={(officeId) => set({ officeId })}
          options={(offices.data?.items ?? []).map((o) => ({ value: o.id, label: o.name }))}
          emptyLabel={t('admin.operators.chooseOffice')}
          error={err('officeId')}
          required={officeNeeded}
        />
      )}
      {draft.role === 'social_worker' && (
        <>
          <fieldset className="sp-checkbox-group" id={id('comuni')}>
            <legend className="h6">{t('admin.operators.comuni')}</legend>
            <p className="small mb-1">{t('admin.operators.comuniHint')}</p>
            {comuniError && <p className="invalid-feedback d-block sp-field-error">{comuniError}</p>}
            {comuni.map((c) => (
              <CheckboxField
                key={c.id}
                id={`${id('comuni')}-${c.id}`}
                label={c.name}
                checked={draft.comuni.includes(c.id)}
                onCheckedChange={(on) => set({ comuni: toggle(draft.comuni, c.id, on) })}
              />
            ))}
          </fieldset>
          <fieldset className="sp-checkbox-group" id={id('targetAreas')}>
            <legend className="h6">{t('admin.operators.targetAreas')}</legend>
            <p className="small mb-1">{t('admin.operators.targetAreasHint')}</p>
            {err('targetAreas') && <p className="invalid-feedback d-block sp-field-error">{err('targetAreas')}</p>}
            {TARGET_AREAS.map((a) => (
              <CheckboxField
                key={a}
                id={`${id('targetAreas')}-${a}`}
                label={t(`admin.targetAreas.${a}`)}
                checked={draft.targetAreas.includes(a)}
                onCheckedChange={(on) => set({ targetAreas: toggle(draft.targetAreas, a, on) })}
              />
            ))}
          </fieldset>
          <TextField
            id={id('sectors')}
            label={t('admin.operators.sectors')}
            hint={t('admin.operators.sectorsHint')}
            value={draft.sectors}
            onValueChange={(sectors) => set({ sectors })}
            error={err('sectors')}
          />
          {/* the explicit permission to the reserved parts of a case */}
          <CheckboxField
            id={id('reserved')}
            label="Accesso alle parti riservate (provvedimenti dell'autorità giudiziaria, dati sanitari)"
            checked={!!draft.reserved}
            onCheckedChange={(reserved) => set({ reserved })}
            error={err('reserved')}
          />
        </>
      )}
    </>
  );
}
