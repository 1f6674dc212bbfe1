/**
 * /area-personale/certificati — "I miei certificati": the three registry certificates a citizen downloads at once
 * (residence, family status, registry record), for themselves or for a minor in their care, then the certificates
 * already issued with their verification code, date and status: download again, check, revoke (with a reason,
 * after a confirmation). "Carica altri" follows the cursor.
 */
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { Badge, Button, Icon as KitIcon } from 'design-react-kit';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { CERTIFICATE_KINDS } from '../../../contracts/certificates';
import { newIdempotencyKey } from '../../api/client';
import type { CitizenMe } from '../../api/types';
import { Breadcrumbs } from '../../ui/Breadcrumbs';
import { SelectField } from '../../ui/fields';
import { RevokeButton, RevokeConfirm, useRevokeStep } from '../../ui/RevokeConfirm';
import { ErrorMessage, Loading, Notice, useDocumentTitle } from '../../ui/status';
import { formatDate, formatDateTime } from '../practices/format';
import { CitizenOnly } from '../practices/shared';
import { PERSONAL_AREA, useSubjects } from '../useSession';
import { certificateKeys, certificatesApi, downloadFile, type CertificateKind, type CertificateView } from './certificatesApi';
import './certificates.css';

export default function CertificatesPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('certificates.title'));
  return <CitizenOnly>{(citizen) => <Certificates citizen={citizen} />}</CitizenOnly>;
}

interface Person {
  fiscalCode: string;
  name: string;
  self: boolean;
}

function Certificates({ citizen }: { citizen: CitizenMe }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const subjects = useSubjects(true);
  // the citizen and the minors in their care (the registry's word); delegations and companies have no certificate here
  const people: Person[] = [
    { fiscalCode: citizen.fiscalCode, name: citizen.name, self: true },
    ...(subjects.data?.items ?? []).filter((s) => s.kind === 'minor').map((s) => ({ fiscalCode: s.fiscalCode, name: s.name, self: false })),
  ];
  const [chosen, setChosen] = useState(citizen.fiscalCode);
  const person = people.find((p) => p.fiscalCode === chosen) ?? people[0]!;
  const [issued, setIssued] = useState<CertificateView | null>(null);
  const issuedRef = useRef<HTMLParagraphElement>(null);

  useEffect(() => {
    if (issued) issuedRef.current?.focus();
  }, [issued]);

  const onIssued = (c: CertificateView) => {
    setIssued(c);
    void queryClient.invalidateQueries({ queryKey: certificateKeys.list });
  };

  return (
    <div className="container py-3 py-lg-4">
      <Breadcrumbs items={[{ label: t('nav.home'), to: '/' }, { label: t('personalArea.title'), to: PERSONAL_AREA }, { label: t('certificates.title') }]} />
      <div className="row">
        <div className="col-lg-10 col-xl-9">
          <h1>{t('certificates.title')}</h1>
          <p className="lead">{t('certificates.intro')}</p>
          <p>{t('certificates.use')}</p>

          <section className="sp-cert-request" aria-labelledby="richiedi-certificato">
            <h2 className="h3" id="richiedi-certificato">{t('certificates.request.title')}</h2>
            {people.length > 1 && (
              <SelectField
                id="certificato-persona"
                className="sp-cert-person"
                label={t('certificates.request.person')}
                hint={t('certificates.request.personHint')}
                value={person.fiscalCode}
                onValueChange={(v) => {
                  setChosen(v);
                  setIssued(null);
                }}
                options={people.map((p) => ({ value: p.fiscalCode, label: p.self ? t('certificates.request.you', { name: p.name }) : p.name }))}
              />
            )}
            <ul className="sp-cert-kinds">
              {CERTIFICATE_KINDS.map((kind) => (
                <KindCard key={kind} kind={kind} person={person} onIssued={onIssued} />
              ))}
            </ul>
            <div role="status" className="sp-cert-status">
              {issued && (
                <Notice tone="success" role="none" className="mb-0">
                  <p className="fw-semibold mb-1" tabIndex={-1} ref={issuedRef}>
                    {t('certificates.issued.title', { title: t(`certificates.kinds.${issued.kind}.title`) })}
                  </p>
                  <p className="mb-1">
                    {issued.subject.self ? t('certificates.issued.bodySelf') : t('certificates.issued.bodyFor', { name: issued.subject.name })}{' '}
                    {t('certificates.issued.code')} <span className="sp-cert-code">{issued.verificationCode}</span>
                  </p>
                  <a href={certificatesApi.fileUrl(issued.id)} download={issued.file.name} className="sp-download">
                    {t('certificates.issued.again')}
                  </a>
                </Notice>
              )}
            </div>
          </section>

          <IssuedList />
        </div>
      </div>
    </div>
  );
}

/** One kind of certificate: what it is in a line, and "Scarica". */
function KindCard({ kind, person, onIssued }: { kind: CertificateKind; person: Person; onIssued: (c: CertificateView) => void }) {
  const { t } = useTranslation();
  // kept while the same request is retried (a network failure), so that a retry cannot issue twice
  const key = useRef<string | null>(null);
  useEffect(() => {
    key.current = null;
  }, [person.fiscalCode]);
  const issue = useMutation({
    mutationFn: () => certificatesApi.issue(
      { kind, ...(person.self ? {} : { subjectFiscalCode: person.fiscalCode }) },
      (key.current ??= newIdempotencyKey()),
    ),
    onSuccess: (c) => {
      key.current = null;
      downloadFile(certificatesApi.fileUrl(c.id), c.file.name);
      onIssued(c);
    },
  });
  const titleId = `certificato-${kind}`;
  return (
    <li className="sp-cert-kind">
      <h3 className="h5" id={titleId}>{t(`certificates.kinds.${kind}.title`)}</h3>
      <p className="sp-cert-kind-text" id={`${titleId}-testo`}>{t(`certificates.kinds.${kind}.body`)}</p>
      <Button type="button" color="primary" disabled={issue.isPending} onClick={() => issue.mutate()} aria-describedby={`${titleId}-testo`}>
        <KitIcon icon="it-download" size="sm" className="sp-icon me-1" focusable="false" aria-hidden="true" />
        {issue.isPending ? t('certificates.request.issuing') : t('certificates.request.download')}
        <span className="visually-hidden">
          {' '}
          {t('certificates.request.downloadOf', { title: t(`certificates.kinds.${kind}.title`), name: person.name })}
        </span>
      </Button>
      {issue.isError && (
        <div className="mt-3">
          <ErrorMessage error={issue.error} />
        </div>
      )}
    </li>
  );
}

function IssuedList() {
  const { t } = useTranslation();
  const list = useInfiniteQuery({
    queryKey: certificateKeys.list,
    queryFn: ({ pageParam, signal }) => certificatesApi.list(pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    staleTime: 0,
  });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const [message, setMessage] = useState<string | null>(null);
  const messageRef = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (message) messageRef.current?.focus();
  }, [message]);

  return (
    <section className="sp-cert-issued" aria-labelledby="certificati-emessi">
      <h2 className="h3" id="certificati-emessi">{t('certificates.list.title')}</h2>
      <div role="status">
        {message && (
          <Notice tone="success" role="none">
            <p className="mb-0" tabIndex={-1} ref={messageRef}>{message}</p>
          </Notice>
        )}
      </div>
      {!list.data ? (
        list.isError ? <ErrorMessage error={list.error} retry={() => void list.refetch()} /> : <Loading />
      ) : items.length === 0 ? (
        <p className="sp-empty-note">{t('certificates.list.none')}</p>
      ) : (
        <>
          <ul className="sp-cert-list">
            {items.map((c) => (
              <IssuedItem key={c.id} certificate={c} onRevoked={() => {
                setMessage(t('certificates.revoke.done', { code: c.verificationCode }));
                void list.refetch();
              }} />
            ))}
          </ul>
          {list.isFetchNextPageError && <ErrorMessage error={list.error} retry={() => void list.fetchNextPage()} />}
          {list.hasNextPage && (
            <p>
              <Button type="button" color="primary" outline disabled={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
                {list.isFetchingNextPage ? t('common.loading') : t('certificates.list.more')}
              </Button>
            </p>
          )}
        </>
      )}
    </section>
  );
}

function IssuedItem({ certificate: c, onRevoked }: { certificate: CertificateView; onRevoked: () => void }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const title = t(`certificates.kinds.${c.kind}.title`);
  const titleId = `emesso-${c.id}`;
  const what = t('certificates.list.of', { title, date: formatDate(c.issuedAt, lng) });
  const step = useRevokeStep();
  const [reasonError, setReasonError] = useState<string | undefined>();
  const revoke = useMutation({
    mutationFn: () => certificatesApi.revoke(c.id, step.reason.trim()),
    onSuccess: () => {
      // the confirmation closes; the message above the list takes the focus
      step.close();
      onRevoked();
    },
  });

  const cancel = () => {
    setReasonError(undefined);
    step.cancel();
  };
  const confirm = () => {
    if (step.reason.trim().length < 3) {
      setReasonError(t('certificates.revoke.reasonMissing'));
      document.getElementById(`${titleId}-reason`)?.focus();
      return;
    }
    setReasonError(undefined);
    revoke.mutate();
  };

  return (
    <li className={`sp-cert-item sp-cert-item-${c.status}`}>
      <article aria-labelledby={titleId}>
        <div className="sp-cert-head">
          <h3 className="h5 mb-0" id={titleId}>{title}</h3>
          <Badge color={c.status === 'valid' ? 'success' : 'danger'} className="sp-badge">
            {t(`certificates.status.${c.status}`)}
          </Badge>
        </div>
        <p className="sp-cert-for">{c.subject.self ? t('certificates.list.forYou') : t('certificates.list.forMinor', { name: c.subject.name })}</p>
        <dl className="sp-facts sp-facts-compact">
          <div>
            <dt>{t('certificates.list.code')}</dt>
            <dd className="sp-cert-code">{c.verificationCode}</dd>
          </div>
          <div>
            <dt>{t('certificates.list.issuedAt')}</dt>
            <dd>{formatDateTime(c.issuedAt, lng)}</dd>
          </div>
          {c.status === 'valid' ? (
            <div>
              <dt>{t('certificates.list.validUntil')}</dt>
              <dd>{formatDate(c.validUntil, lng)}</dd>
            </div>
          ) : (
            <div>
              <dt>{t('certificates.list.revokedAt')}</dt>
              <dd>
                {c.revokedAt && formatDateTime(c.revokedAt, lng)}
                {c.revokedBy && <span className="d-block">{t(`certificates.list.revokedBy.${c.revokedBy}`)}</span>}
                {c.revokedReason && <span className="d-block" lang={lng === 'it' ? undefined : 'it'}>{t('certificates.list.reason', { reason: c.revokedReason })}</span>}
              </dd>
            </div>
          )}
          <div>
            <dt>{t('certificates.list.body')}</dt>
            <dd>{c.tenant.name}</dd>
          </div>
        </dl>
        <div className="sp-cert-actions">
          <a href={certificatesApi.fileUrl(c.id)} download={c.file.name} className="sp-download">
            <KitIcon icon="it-download" size="sm" className="sp-icon me-1" focusable="false" aria-hidden="true" />
            {t('certificates.list.download')}
            <span className="visually-hidden"> {what}</span>
          </a>
          <Link to={`/verify/${c.verificationCode}`} className="sp-cert-verify">
            {t('certificates.list.verify')}
            <span className="visually-hidden"> {what}</span>
          </Link>
          {c.status === 'valid' && !step.confirming && (
            <RevokeButton step={step}>
              {t('certificates.revoke.open')}
              <span className="visually-hidden"> {what}</span>
            </RevokeButton>
          )}
        </div>
        <RevokeConfirm
          step={step}
          id={titleId}
          title={t('certificates.revoke.confirmTitle', { code: c.verificationCode })}
          body={t('certificates.revoke.confirmBody')}
          reasonLabel={t('certificates.revoke.reason')}
          reasonHint={t('certificates.revoke.reasonHint')}
          reasonError={reasonError}
          reasonRequired
          error={revoke.error}
          pending={revoke.isPending}
          confirmLabel={t('certificates.revoke.confirm')}
          cancelLabel={t('certificates.revoke.cancel')}
          onConfirm={confirm}
          onCancel={cancel}
        />
      </article>
    </li>
  );
}
