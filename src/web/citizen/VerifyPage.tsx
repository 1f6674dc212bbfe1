import { Button } from 'design-react-kit';
import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import type { DocumentVerificationView } from '../../contracts/applications';
import type { CertificateContent, CertificateVerificationView, CertifiedPerson } from '../../contracts/certificates';
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
          ) : verification.data.kind === 'certificate' ? (
            <CertificateResult view={verification.data} />
          ) : (
            <Result view={verification.data} />
          )}

          <CodeForm current={code} />
        </div>
      </div>
    </div>
  );
}

function Result({ view }: { view: DocumentVerificationView }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const kind = t(`verify.kind.${view.kind}`);
  return (
    <>
      <Verdict view={view} keys="verify" />

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
          <Sha256Item sha256={view.sha256} />
        </dl>
      </section>

      <HowToCompare fileName="ricevuta.pdf" paper={t('verify.compare.paper')} privacy={t('verify.privacy')} />
    </>
  );
}

/** Whether the document holds: authentic, or revoked (by whom and since when). */
function Verdict({ view, keys }: { view: { valid: boolean; tenant: { name: string }; revokedAt: string | null; expiredOn?: string | null }; keys: 'verify' | 'verify.certificate' }) {
  const { t, i18n } = useTranslation();
  const tenant = view.tenant.name;
  if (!view.valid && view.expiredOn) {
    return (
      <Notice tone="warning" role="status" className="mb-4">
        <h2 className="h4 mb-2">{t(`${keys}.expired.title`)}</h2>
        <p className="mb-0">{t(`${keys}.expired.body`, { tenant, date: view.expiredOn.split('-').reverse().join('/') })}</p>
      </Notice>
    );
  }
  return view.valid ? (
    <Notice tone="success" role="status" className="mb-4">
      <h2 className="h4 mb-2">{t(`${keys}.valid.title`)}</h2>
      <p className="mb-0">{t(`${keys}.valid.body`, { tenant })}</p>
    </Notice>
  ) : (
    <Notice tone="danger" role="status" className="mb-4">
      <h2 className="h4 mb-2">{t(`${keys}.revoked.title`)}</h2>
      <p className="mb-0">{t(`${keys}.revoked.body`, { tenant, date: view.revokedAt ? formatDateTime(view.revokedAt, i18n.language) : '' })}</p>
    </Notice>
  );
}

/** The file's SHA-256, to compare with the one computed on the file in hand. */
function Sha256Item({ sha256 }: { sha256: string }) {
  const { t } = useTranslation();
  return (
    <Item label={t('verify.field.sha256')}>
      <code className="d-block text-break text-body bg-light border rounded p-2" data-testid="verify-sha256">
        {sha256}
      </code>
    </Item>
  );
}

/** How to compute a file's SHA-256, what a paper copy is checked with, and what the page does not show. */
function HowToCompare({ fileName, paper, privacy }: { fileName: string; paper: string | null; privacy: string }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="verify-how" className="mb-4">
      <h2 id="verify-how" className="h5">
        {t('verify.compare.title')}
      </h2>
      <p>{t('verify.compare.file')}</p>
      <ul className="small">
        <li>
          {t('verify.compare.windows')} <code className="text-break">certutil -hashfile {fileName} SHA256</code>
        </li>
        <li>
          {t('verify.compare.unix')} <code className="text-break">shasum -a 256 {fileName}</code>
        </li>
      </ul>
      {paper && <p>{paper}</p>}
      <p className="small-sp mb-0">{privacy}</p>
    </section>
  );
}

/** A calendar day "1984-05-14" as printed on the certificate, "14/05/1984". */
const day = (ymd: string) => ymd.split('-').reverse().join('/');

/**
 * A registry certificate: authentic (with exactly what it shows, so the holder can compare it with the paper) or
 * revoked (since when, and none of its data: it no longer vouches for anything).
 */
function CertificateResult({ view }: { view: CertificateVerificationView }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const c = view.content;
  // the data are the register's, in Italian whatever the page's language
  const italian = lng === 'it' ? undefined : 'it';
  return (
    <>
      <Verdict view={view} keys="verify.certificate" />

      <section aria-labelledby="verify-details" className="mb-4">
        <h2 id="verify-details" className="h4">
          {t(c ? 'verify.certificate.details' : 'verify.details')}
        </h2>
        <dl className="row mb-0">
          <Item label={t('verify.field.document')}>
            <span lang={italian}>{view.title}</span>
          </Item>
          <Item label={t('verify.field.tenant')}>
            {view.tenant.name}
            {c?.body.office && <span className="d-block" lang={italian}>{c.body.office}</span>}
            <span className="d-block small-sp">
              {t('verify.field.fiscalCode')}: {view.tenant.fiscalCode}
            </span>
          </Item>
          <Item label={t('verify.field.issuedAt')}>{formatDateTime(view.issuedAt, lng)}</Item>
          {c && <Item label={t('verify.certificate.field.validUntil')}>{day(c.validUntil)}</Item>}
          {view.revokedAt && <Item label={t('verify.field.revokedAt')}>{formatDateTime(view.revokedAt, lng)}</Item>}
          {c && c.kind !== 'family' && <PersonItems content={c} italian={italian} />}
          {c && <Item label={t('verify.certificate.field.address')}><span lang={italian}>{c.residence.address}</span></Item>}
          {c?.residence.since && <Item label={t('verify.certificate.field.since')}>{day(c.residence.since)}</Item>}
          <Sha256Item sha256={view.sha256} />
        </dl>
      </section>

      {c?.family && (
        <section aria-labelledby="verify-family" className="mb-4">
          <h2 id="verify-family" className="h5">
            {t('verify.certificate.family', { count: c.family.length })}
          </h2>
          <ul className="list-unstyled mb-0" data-testid="verify-family">
            {c.family.map((m) => (
              <li key={m.fiscalCode} className="border-bottom py-2">
                <span className="fw-semibold">{m.familyName} {m.givenName}</span> · <span lang={italian}>{m.relation}</span>
                <span className="d-block">
                  {t('verify.certificate.born', { place: m.birthPlace, date: day(m.birthDate) })}
                </span>
                <span className="d-block">
                  {t('verify.field.fiscalCode')}: <span className="font-monospace">{m.fiscalCode}</span>
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}

      <HowToCompare
        fileName="certificato.pdf"
        paper={c ? t('verify.certificate.paper') : null}
        privacy={c ? t('verify.certificate.privacy') : view.expiredOn ? t('verify.certificate.expiredPrivacy') : t('verify.certificate.revokedPrivacy')}
      />
    </>
  );
}

/** The person's own lines of a residence or registry certificate, in the order printed. */
function PersonItems({ content, italian }: { content: CertificateContent; italian: string | undefined }) {
  const { t } = useTranslation();
  const p: CertifiedPerson & { citizenship?: string; civilStatus?: string | null } = content.person;
  return (
    <>
      <Item label={t('verify.certificate.field.familyName')}>{p.familyName}</Item>
      <Item label={t('verify.certificate.field.givenName')}>{p.givenName}</Item>
      {content.kind === 'registry' && p.sex && <Item label={t('verify.certificate.field.sex')}>{t(`verify.certificate.sex.${p.sex}`)}</Item>}
      <Item label={t('verify.certificate.field.birth')}>
        {t('verify.certificate.born', { place: p.birthPlace, date: day(p.birthDate) })}
      </Item>
      <Item label={t('verify.field.fiscalCode')}>
        <span className="font-monospace">{p.fiscalCode}</span>
      </Item>
      {p.citizenship && <Item label={t('verify.certificate.field.citizenship')}><span lang={italian}>{p.citizenship}</span></Item>}
      {p.civilStatus && <Item label={t('verify.certificate.field.civilStatus')}><span lang={italian}>{p.civilStatus}</span></Item>}
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
