/**
 * The editor's form: one group per section of the citizen's card, in the same order, each field labelled and tied
 * to its error. It only edits the draft; publication is the page's business.
 */
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { AUDIENCES } from '../../../contracts/catalog';
import { CATEGORIES, LIFE_EVENTS } from '../../../contracts/vocabularies';
import type { Office } from '../../api/types';
import { CheckboxField, SelectField, TextAreaField, TextField, type Option } from '../../ui/fields';
import { vocabularyLabel } from '../../ui/format';
import { fieldId, slugify, type Draft } from '../editorModel';
import { ListEditor } from '../ListEditor';
import { CostsEditor } from './CostsEditor';
import type { AccessPatch, DraftPatch } from './useEditorDraft';

type TextKey = 'title' | 'slug' | 'shortDescription' | 'description' | 'audienceDescription' | 'output' | 'timeLimits' | 'conditions' | 'statusReason' | 'maxDays';
type AccessTextKey = 'onlineDescription' | 'onlineUrl' | 'deskDescription';
type ListKey = 'keywords' | 'howTo' | 'requirements' | 'legalBasis';

export interface EditorFormProps {
  mode: 'new' | 'edit';
  draft: Draft;
  patch: DraftPatch;
  patchAccess: AccessPatch;
  errorFor: (key: string) => string | undefined;
  offices: Office[] | undefined;
  officesError: boolean;
}

const withCurrent = (options: Option[], current: string): Option[] =>
  !current || options.some((o) => o.value === current) ? options : [...options, { value: current, label: current }];

/** A group of the form, titled like the card section it fills. */
function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <fieldset className="sp-editor-group">
      <legend>
        <h2 className="h4">{title}</h2>
      </legend>
      {children}
    </fieldset>
  );
}

/** A set of checkboxes with one legend and one error. */
function CheckboxGroup({ name, legend, error, children }: { name: string; legend: string; error?: string; children: ReactNode }) {
  const id = fieldId(name);
  return (
    <fieldset className="sp-checkbox-group" id={id} aria-describedby={error ? `${id}-error` : undefined}>
      <legend className="h6">{legend}</legend>
      {error && (
        <p id={`${id}-error`} className="invalid-feedback d-block sp-field-error">
          {error}
        </p>
      )}
      {children}
    </fieldset>
  );
}

export function EditorForm({ mode, draft, patch, patchAccess, errorFor, offices, officesError }: EditorFormProps) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  // A new service's address follows its title until the user writes one.
  const [slugTouched, setSlugTouched] = useState(false);

  const text = (key: TextKey) => ({
    id: fieldId(key),
    label: t(`editor.fields.${key}`),
    value: draft[key],
    onValueChange: (v: string) => patch({ [key]: v } as Partial<Draft>),
    error: errorFor(key),
  });
  const accessText = (key: AccessTextKey) => ({
    id: fieldId(`access/${key}`),
    label: t(`editor.fields.access_${key}`),
    value: draft.access[key],
    onValueChange: (v: string) => patchAccess({ [key]: v }),
    error: errorFor(`access/${key}`),
  });
  const accessCheck = (key: 'online' | 'desk' | 'bookable') => ({
    id: fieldId(`access/${key}`),
    label: t(`editor.fields.access_${key}`),
    checked: Boolean(draft.access[key]),
    onCheckedChange: (c: boolean) => patchAccess({ [key]: c }),
    error: errorFor(`access/${key}`),
  });
  const list = (name: ListKey) => ({
    name,
    legend: t(`editor.fields.${name}`),
    itemLabel: (i: number) => t(`editor.rows.${name}`, { n: i + 1 }),
    addLabel: t(`editor.add.${name}`),
    items: draft[name],
    onChange: (items: string[]) => patch({ [name]: items }),
    errorFor,
  });

  const categoryOptions = withCurrent(
    CATEGORIES.map((c) => ({ value: c.code, label: vocabularyLabel(CATEGORIES, c.code, lng) })).sort((a, b) => a.label.localeCompare(b.label, lng)),
    draft.category,
  );
  const officeOptions = withCurrent((offices ?? []).map((o) => ({ value: o.code, label: o.name })), draft.officeCode);
  const lifeEventCodes = [...LIFE_EVENTS.map((e) => e.code), ...draft.lifeEvents.filter((c) => !LIFE_EVENTS.some((e) => e.code === c))];

  return (
    <form onSubmit={(e) => e.preventDefault()} noValidate aria-label={t('editor.formLabel')} className="sp-editor-form">
      <Section title={t('editor.groups.main')}>
        {mode === 'new' && (
          <TextField
            {...text('slug')}
            onValueChange={(v) => {
              setSlugTouched(true);
              patch({ slug: v });
            }}
            hint={t('editor.hints.slug')}
            required
            autoComplete="off"
          />
        )}
        <TextField {...text('title')} onValueChange={(v) => patch(mode === 'new' && !slugTouched ? { title: v, slug: slugify(v) } : { title: v })} required />
        <SelectField
          id={fieldId('category')}
          label={t('editor.fields.category')}
          value={draft.category}
          onValueChange={(v) => patch({ category: v })}
          options={categoryOptions}
          emptyLabel={t('editor.choose')}
          error={errorFor('category')}
          required
        />
        <SelectField
          id={fieldId('status')}
          label={t('editor.fields.status')}
          value={draft.status}
          onValueChange={(v) => patch({ status: v === 'inactive' ? 'inactive' : 'active' })}
          options={[
            { value: 'active', label: t('status.active') },
            { value: 'inactive', label: t('status.inactive') },
          ]}
          error={errorFor('status')}
        />
        {draft.status === 'inactive' && <TextAreaField {...text('statusReason')} rows={2} />}
        <TextAreaField {...text('shortDescription')} hint={t('editor.hints.shortDescription')} rows={2} required />
        <TextAreaField {...text('description')} hint={t('editor.hints.paragraphs')} rows={6} />
        <ListEditor {...list('keywords')} hint={t('editor.hints.keywords')} />
      </Section>

      <Section title={t('card.sections.whoFor')}>
        <TextAreaField {...text('audienceDescription')} rows={3} />
        <CheckboxGroup name="audiences" legend={t('editor.fields.audiences')} error={errorFor('audiences')}>
          {AUDIENCES.map((a) => (
            <CheckboxField
              key={a}
              label={t(`audience.${a}`)}
              checked={draft.audiences.includes(a)}
              onCheckedChange={(checked) => patch({ audiences: checked ? AUDIENCES.filter((x) => x === a || draft.audiences.includes(x)) : draft.audiences.filter((x) => x !== a) })}
            />
          ))}
        </CheckboxGroup>
        <CheckboxGroup name="lifeEvents" legend={t('editor.fields.lifeEvents')} error={errorFor('lifeEvents')}>
          {lifeEventCodes.length === 0 && <p className="text-muted-sp">{t('editor.noLifeEvents')}</p>}
          <div className="sp-checkbox-columns">
            {lifeEventCodes.map((code) => (
              <CheckboxField
                key={code}
                label={vocabularyLabel(LIFE_EVENTS, code, lng)}
                checked={draft.lifeEvents.includes(code)}
                onCheckedChange={(checked) => patch({ lifeEvents: checked ? [...draft.lifeEvents, code] : draft.lifeEvents.filter((x) => x !== code) })}
              />
            ))}
          </div>
        </CheckboxGroup>
      </Section>

      <Section title={t('card.sections.howTo')}>
        <ListEditor {...list('howTo')} ordered multiline />
      </Section>

      <Section title={t('card.sections.requirements')}>
        <ListEditor {...list('requirements')} />
      </Section>

      <Section title={t('card.sections.output')}>
        <TextAreaField {...text('output')} rows={3} />
      </Section>

      <Section title={t('card.sections.timeLimits')}>
        <TextAreaField {...text('timeLimits')} rows={3} />
        <TextField {...text('maxDays')} type="number" min={0} step={1} inputMode="numeric" className="sp-narrow-field" />
      </Section>

      <Section title={t('card.sections.access')}>
        <CheckboxField {...accessCheck('online')} />
        {draft.access.online && (
          <div className="sp-indented">
            <TextAreaField {...accessText('onlineDescription')} rows={2} />
            <TextField {...accessText('onlineUrl')} type="url" inputMode="url" hint={t('editor.hints.onlineUrl')} />
          </div>
        )}
        <CheckboxField {...accessCheck('desk')} />
        {draft.access.desk && (
          <div className="sp-indented">
            <TextAreaField {...accessText('deskDescription')} rows={2} />
            <CheckboxField {...accessCheck('bookable')} />
          </div>
        )}
      </Section>

      <Section title={t('card.sections.conditions')}>
        <TextAreaField {...text('conditions')} rows={3} />
        <CostsEditor costs={draft.costs} onChange={(costs) => patch({ costs })} errorFor={errorFor} />
        <ListEditor {...list('legalBasis')} />
      </Section>

      <Section title={t('card.sections.contacts')}>
        <SelectField
          id={fieldId('officeCode')}
          label={t('editor.fields.officeCode')}
          value={draft.officeCode}
          onValueChange={(v) => patch({ officeCode: v })}
          options={officeOptions}
          emptyLabel={t('editor.choose')}
          error={errorFor('officeCode')}
          hint={officesError ? t('editor.officesError') : undefined}
        />
      </Section>
    </form>
  );
}
