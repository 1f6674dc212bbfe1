/**
 * The body's privacy choices: whether the citizens' log "Chi ha consultato i miei dati" names the operator who read
 * their data. One switch (a checkbox with role="switch": Space turns it on and off), saved with its button; the
 * outcome is announced and takes the focus.
 */
import { Button, Toggle } from 'design-react-kit';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useOutletContext } from 'react-router';
import type { Operator } from '../../api/types';
import { ErrorMessage, Loading, useDocumentTitle } from '../../ui/status';
import { AdminCrumbs } from './AdminLayout';
import { adminApi, adminKeys, usePrivacy } from './adminApi';
import { ActionOutcome, problemOf } from './forms';
import './privacy.css';

const SWITCH_ID = 'privacy-namesOperators';

export default function PrivacyPage() {
  const { t } = useTranslation();
  const operator = useOutletContext<Operator>();
  useDocumentTitle(t('admin.privacy.title'));
  const tenantId = operator.tenant.id;
  const privacy = usePrivacy(tenantId);
  const queryClient = useQueryClient();
  // what the administrator has set on the page, before saving (null: as saved)
  const [draft, setDraft] = useState<boolean | null>(null);
  const [saving, setSaving] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  if (privacy.isPending) return <Loading />;
  if (privacy.isError) return <ErrorMessage error={privacy.error} retry={() => void privacy.refetch()} />;
  const namesOperators = draft ?? privacy.data.accessLogNamesOperators;

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setSaving(true);
    setDone(null);
    setFailure(null);
    try {
      const saved = await adminApi.updatePrivacy(tenantId, { accessLogNamesOperators: namesOperators });
      queryClient.setQueryData(adminKeys.privacy(tenantId), saved);
      setDraft(null);
      setDone(saved.accessLogNamesOperators ? t('admin.privacy.savedOn') : t('admin.privacy.savedOff'));
    } catch (error) {
      setFailure(problemOf(error, t('common.errorBody'), t('admin.networkError')).message);
    } finally {
      setSaving(false);
    }
  };

  return (
    <>
      <AdminCrumbs items={[{ label: t('admin.privacy.title') }]} />
      <h1>{t('admin.privacy.title')}</h1>
      <p className="col-12 col-xl-9 px-0">{t('admin.privacy.lead')}</p>
      <form onSubmit={(e) => void onSubmit(e)} noValidate aria-label={t('admin.privacy.formLabel')} className="col-12 col-xl-9 px-0">
        <fieldset className="sp-editor-group mb-3">
          <legend><h2 className="h5">{t('admin.privacy.section')}</h2></legend>
          <div className="sp-privacy-switch">
            <Toggle
              id={SWITCH_ID}
              role="switch"
              label={t('admin.privacy.namesOperators')}
              checked={namesOperators}
              onChange={(e) => {
                setDraft(e.target.checked);
                setDone(null);
              }}
            />
            {/* the kit's toggle points aria-describedby at `${id}Description` */}
            <div id={`${SWITCH_ID}Description`} className="sp-field-description">
              <small className="form-text sp-hint">{t('admin.privacy.hint')}</small>
            </div>
          </div>
        </fieldset>
        <div className="d-flex flex-wrap gap-2 mb-3">
          <Button type="submit" color="primary" disabled={saving}>
            {saving ? t('admin.saving') : t('admin.privacy.save')}
          </Button>
        </div>
      </form>
      <div className="col-12 col-xl-9 px-0">
        <ActionOutcome done={done} failure={failure} />
      </div>
    </>
  );
}
