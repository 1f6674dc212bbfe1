/**
 * Service card editor: a form for every ServiceCard field, a preview that renders the citizen's card with the
 * unsaved values, the online form ("Modulo online", with its own live preview), the workflow ("Flusso di
 * lavoro", with the citizen's diagram as its preview), and publication of a new version (or creation of a new
 * service).
 * The pieces live in ./editor: the form, the draft state, the publish logic, the error summary, the versions,
 * ./editor/form for the online form and ./editor/workflow for the workflow.
 */
import { Button } from 'design-react-kit';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useOutletContext, useParams } from 'react-router';
import { isApiError } from '../api/client';
import { useOffices, useService } from '../api/queries';
import type { Operator } from '../api/types';
import NotFoundPage from '../citizen/NotFoundPage';
import { ServiceCardView } from '../citizen/ServiceCardView';
import { Breadcrumbs } from '../ui/Breadcrumbs';
import { ErrorMessage, Loading, Notice, useDocumentTitle } from '../ui/status';
import { EditorForm } from './editor/EditorForm';
import { ErrorSummary } from './editor/ErrorSummary';
import FormEditorTab from './editor/form/FormEditorTab';
import { schemaFields } from './editor/form/formDraft';
import { parseJsonObject } from './editor/form/jsonText';
import { useEditorDraft } from './editor/useEditorDraft';
import { usePublish } from './editor/usePublish';
import { VersionsBox } from './editor/VersionsBox';
import WorkflowEditorTab from './editor/workflow/WorkflowEditorTab';
import { Tabs } from './Tabs';

export default function EditorPage({ mode }: { mode: 'new' | 'edit' }) {
  const { t } = useTranslation();
  const operator = useOutletContext<Operator>();
  const { serviceId } = useParams();
  const service = useService(mode === 'edit' ? serviceId : undefined);
  const offices = useOffices(operator.tenant.id);
  const detail = service.data;

  const [tab, setTab] = useState('edit');
  const { draft, form: onlineForm, setForm, workflow, setWorkflow, dirty, preview, reset, patch, patchAccess } = useEditorDraft(mode, detail);
  /** the tab where an error key's field is: the online form's keys start with "form", the workflow's with "workflow" */
  const tabOf = (key: string) => (key === 'form' || key.startsWith('form/') ? 'form' : key === 'workflow' || key.startsWith('workflow/') ? 'workflow' : 'edit');
  const showForm = (errors: { key: string | null }[]) => {
    const tabs = new Set(errors.flatMap((e) => (e.key ? [tabOf(e.key)] : [])));
    // problems on the card's fields come first; with none on a field, stay on the form or workflow tab if open
    setTab((current) =>
      tabs.has('edit') ? 'edit' : tabs.has(current) ? current : tabs.has('form') ? 'form' : tabs.has('workflow') ? 'workflow' : current === 'form' || current === 'workflow' ? current : 'edit',
    );
  };
  const outcome = usePublish({ mode, serviceId, draft, form: onlineForm, workflow, reset, showForm });
  // the online form's fields, for automations that write to addresses given in the answers
  const formFields = useMemo(() => {
    if (!onlineForm) return null;
    const schema = parseJsonObject(onlineForm.schemaText);
    // with their type and choices, for the fees' "per ogni" and "solo se"
    return schema.ok ? schemaFields(schema.value).map((f) => ({ pointer: f.pointer, label: f.label, type: f.type, choices: f.choices })) : [];
  }, [onlineForm?.schemaText]); // eslint-disable-line react-hooks/exhaustive-deps

  const title = mode === 'new' ? t('editor.newTitle') : t('editor.editTitle', { title: detail?.card.title ?? '' });
  useDocumentTitle(title);

  if (mode === 'edit') {
    if (service.isError && isApiError(service.error, 404)) return <NotFoundPage what="service" />;
    if (detail && detail.tenant.id !== operator.tenant.id) return <NotFoundPage what="service" />;
    if (service.isError) {
      return (
        <div className="container py-4">
          <ErrorMessage error={service.error} retry={() => void service.refetch()} />
        </div>
      );
    }
  }
  if (!draft) {
    return (
      <div className="container">
        <Loading />
      </div>
    );
  }

  const officeList = offices.data?.items;
  const previewOffice = officeList?.find((o) => o.code === draft.officeCode) ?? (detail?.office?.code === draft.officeCode ? detail.office : null);
  const publicUrl = detail ? `/enti/${detail.tenant.slug}/servizi/${detail.slug}` : null;

  const form = (
    <EditorForm mode={mode} draft={draft} patch={patch} patchAccess={patchAccess} errorFor={outcome.errorFor} offices={officeList} officesError={offices.isError} />
  );
  // Rendered only while shown: its headings and landmarks must not mix with the form's.
  const previewPanel = tab === 'preview' && preview && (
    <div className="sp-preview">
      <p className="sp-preview-note">{t('editor.previewNote')}</p>
      <ServiceCardView card={preview} tenant={operator.tenant} office={previewOffice ?? null} preview />
    </div>
  );

  return (
    <div className="container py-3 py-lg-4 sp-editor">
      <Breadcrumbs
        items={[
          { label: t('backoffice.title'), to: '/backoffice/catalogo' },
          { label: t('catalog.title'), to: '/backoffice/catalogo' },
          { label: mode === 'new' ? t('editor.newTitle') : (detail?.card.title ?? t('common.loading')) },
        ]}
      />
      <h1 className="mb-3">{title}</h1>

      {outcome.published !== null && (
        <Notice tone="success" role="status" focusRef={outcome.successRef}>
          <p className="mb-1 fw-semibold">{t('editor.published', { version: outcome.published })}</p>
          {publicUrl && (
            <p className="mb-0">
              <Link to={publicUrl}>{t('editor.viewPublic')}</Link>
            </p>
          )}
        </Notice>
      )}

      {outcome.problem && (
        <ErrorSummary problem={outcome.problem} errors={outcome.errors} sessionExpired={outcome.sessionExpired} focusRef={outcome.summaryRef} reveal={(key) => setTab(tabOf(key))} />
      )}

      <div className="row">
        {/* the online form and its preview side by side need the whole width; the versions then go below */}
        <div className={tab === 'form' || tab === 'workflow' ? 'col-12' : 'col-12 col-xl-9'}>
          <Tabs
            label={t('editor.tabsLabel')}
            active={tab}
            onChange={setTab}
            tabs={[
              { id: 'edit', label: t('editor.tabEdit'), panel: form },
              { id: 'preview', label: t('editor.tabPreview'), panel: previewPanel },
              { id: 'form', label: t('formEditor.tab'), panel: <FormEditorTab form={onlineForm} onChange={setForm} errorFor={outcome.errorFor} active={tab === 'form'} /> },
              {
                id: 'workflow',
                label: t('workflow.editor.tab'),
                panel: <WorkflowEditorTab workflow={workflow} onChange={setWorkflow} errorFor={outcome.errorFor} offices={officeList} formFields={formFields} />,
              },
            ]}
          />
          <div className="sp-publish-bar">
            <Button type="button" color="primary" onClick={() => void outcome.publish()} disabled={outcome.submitting}>
              {outcome.submitting ? t('editor.publishing') : mode === 'new' ? t('editor.create') : t('editor.publish')}
            </Button>
            <span className="sp-dirty" aria-live="polite">
              {dirty ? t('editor.unsaved') : ''}
            </span>
          </div>
        </div>
        {mode === 'edit' && detail && <VersionsBox detail={detail} />}
      </div>
    </div>
  );
}
