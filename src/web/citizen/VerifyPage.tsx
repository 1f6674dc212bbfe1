import { Button } from 'design-react-kit';
import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import type { VerificationView } from '../../contracts/applications';
import { isApiError } from '../api/client';
import { useVerification } from '../api/applications';
import { Breadcrumbs } from '../ui/Breadcrumbs';
import { TextField } from '../ui/fields';
import { ErrorMessage, Loading, Notice, useDocumentTitle } from '../ui/status';

/** The letters and digits of a verification code (no 0/O, 1/I: they are never printed). */
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** "k7qm 4zpa-x9td" → "K7QM-4ZPA-X9TD"; null when it cannot be a code. */
export function normaliseCode(typed: string): string | null {
  const bare = typed.toUpperCase().replace(/[\s-]+/g, '');
  if (bare.length !== 12 || [...bare].some((c) => !ALPHABET.includes(c))) return null;
  return `${bare.slice(0, 4)}-${bare.slice(4, 8)}-${bare.slice(8)}`;
}

const locale = (lng: string) => (lng === 'en' ? 'en-GB' : 'it-IT');

/** Dates as the paper shows them: in Italian time, whatever the phone's time zone. */
function formatDateTime(iso: string, lng: string) {
  return new Intl.DateTimeFormat(locale(lng), { dateStyle: 'long', timeStyle: 'medium', timeZone: 'Europe/Rome' }).format(new Date(iso));
}
function formatDay(iso: string, lng: string) {
  return new Intl.DateTimeFormat(locale(lng), { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'Europe/Rome' }).format(new Date(iso));
}

/**
 * The public page a QR code on a receipt opens (/verify/:code): whether the document is authentic, what it is and
 * what it says about itself, and its SHA-256 to compare with the file. Nothing about the people involved.
 */
export default function VerifyPage() {
  const { t } = useTranslation();
  const { code: rawCode = '' } = useParams();
  const code = normaliseCode(rawCode) ?? rawCode.toUpperCase();
  const verification = useVerification(normaliseCode(rawCode) ?? undefined);
  useDocumentTitle(t('verify.title'));

  const notFound = normaliseCode(rawCode) === null || (verification.isError && isApiError(verification.error, 404));

  return (
    <div className="container py-3 py-lg-4">
      <Breadcrumbs items={[{ label: t('nav.home'), to: '/' }, { label: t('verify.title') }]} />
      <div className="row">
        <div className="col-12 col-lg-8">
          <h1 className="mb-2">{t('verify.title')}</h1>
          <p className="lead mb-4">
            {t('verify.codeLabel')}: <span className="font-monospace text-break">{code}</span>
          </p>

          {notFound ? (
            <Notice tone="danger" role="status" className="mb-4">
              <h2 className="h4 mb-2">{t('verify.notFound.title')}</h2>
              <p className="mb-0">{t('verify.notFound.body')}</p>
            </Notice>
          ) : verification.isPending ? (
            <Loading label={t('verify.loading')} />
          ) : verification.isError ? (
            <ErrorMessage error={verification.error} retry={() => void verification.refetch()} />
          ) : (
            <Result view={verification.data} />
          )}

          <CodeForm current={code} />
        </div>
      </div>
    </div>
  );
}

function Result({ view }: { view: VerificationView }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const kind = t(`verify.kind.${view.kind}`);
  return (
    <>
      {view.valid ? (
        <Notice tone="success" role="status" className="mb-4">
          <h2 className="h4 mb-2">{t('verify.valid.title')}</h2>
          <p className="mb-0">{t('verify.valid.body', { tenant: view.tenant.name })}</p>
        </Notice>
      ) : (
        <Notice tone="danger" role="status" className="mb-4">
          <h2 className="h4 mb-2">{t('verify.revoked.title')}</h2>
          <p className="mb-0">
            {t('verify.revoked.body', { tenant: view.tenant.name, date: view.revokedAt ? formatDateTime(view.revokedAt, lng) : '' })}
          </p>
        </Notice>
      )}

      <section aria-labelledby="verify-details" className="mb-4">
        <h2 id="verify-details" className="h4">
          {t('verify.details')}
        </h2>
        <dl className="row mb-0">
          <Item label={t('verify.field.document')}>{kind}</Item>
          <Item label={t('verify.field.tenant')}>
            {view.tenant.name}
            <span className="d-block small-sp">
              {t('verify.field.fiscalCode')}: {view.tenant.fiscalCode}
            </span>
          </Item>
          <Item label={t('verify.field.service')}>{view.service.title}</Item>
          <Item label={t('verify.field.application')}>
            <span className="font-monospace">{view.applicationCode}</span>
          </Item>
          {view.submittedAt && <Item label={t('verify.field.submittedAt')}>{formatDateTime(view.submittedAt, lng)}</Item>}
          <Item label={t('verify.field.protocol')}>
            {view.protocol
              ? t('verify.protocolValue', { number: view.protocol.number, date: formatDay(view.protocol.registeredAt, lng) })
              : t('verify.noProtocol')}
          </Item>
          <Item label={t('verify.field.issuedAt')}>{formatDateTime(view.issuedAt, lng)}</Item>
          {view.revokedAt && <Item label={t('verify.field.revokedAt')}>{formatDateTime(view.revokedAt, lng)}</Item>}
          <Item label={t('verify.field.sha256')}>
            <code className="d-block text-break text-body bg-light border rounded p-2" data-testid="verify-sha256">
              {view.sha256}
            </code>
          </Item>
        </dl>
      </section>

      <section aria-labelledby="verify-how" className="mb-4">
        <h2 id="verify-how" className="h5">
          {t('verify.compare.title')}
        </h2>
        <p>{t('verify.compare.file')}</p>
        <ul className="small">
          <li>
            {t('verify.compare.windows')} <code className="text-break">certutil -hashfile ricevuta.pdf SHA256</code>
          </li>
          <li>
            {t('verify.compare.unix')} <code className="text-break">shasum -a 256 ricevuta.pdf</code>
          </li>
        </ul>
        <p>{t('verify.compare.paper')}</p>
        <p className="small-sp mb-0">{t('verify.privacy')}</p>
      </section>
    </>
  );
}

function Item({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt className="col-sm-4 mb-1 mb-sm-2 fw-semibold">{label}</dt>
      <dd className="col-sm-8 mb-3 mb-sm-2 text-break">{children}</dd>
    </>
  );
}

/** A code typed by hand (printed on paper): opens its page. */
function CodeForm({ current }: { current: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | undefined>();
  useEffect(() => {
    setText('');
    setError(undefined);
  }, [current]);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const code = normaliseCode(text);
    if (!code) {
      setError(t('verify.form.invalid'));
      return;
    }
    setError(undefined);
    navigate(`/verify/${code}`);
  };

  return (
    <section aria-labelledby="verify-other" className="border-top pt-4 mt-2">
      <h2 id="verify-other" className="h5">
        {t('verify.form.title')}
      </h2>
      <form onSubmit={onSubmit} noValidate style={{ maxWidth: '28rem' }}>
        <TextField
          className="mb-3"
          name="code"
          label={t('verify.form.label')}
          hint={t('verify.form.hint')}
          error={error}
          value={text}
          onValueChange={setText}
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
        />
        <Button type="submit" color="primary">
          {t('verify.form.submit')}
        </Button>
      </form>
    </section>
  );
}
