/**
 * Payments with pagoPA as the citizen's pages use them: "I miei pagamenti" (what is due, what is paid), one
 * payment (read, start paying at the provider, give up a payment before sending to change the application), the
 * notice and the receipt as PDF links, and the fees a draft's answers make its applicant pay before sending.
 * Shapes come from src/contracts/payments.ts.
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { ApplicationDetail } from '../../contracts/applications';
import type { CheckoutStarted, FeesPreview, PaymentDetail, PaymentSummary } from '../../contracts/payments';
import { request, toQueryString } from './client';

export type { CheckoutStarted, FeesPreview, PaymentDetail, PaymentSummary };

/** The three lists of "I miei pagamenti": still to pay (created, pending, failed), paid (and refunded), all. */
export type MyPaymentsFilter = 'due' | 'paid' | 'all';

export const MY_PAYMENTS = '/area-personale/pagamenti';
export const paymentUrl = (id: string) => `${MY_PAYMENTS}/${encodeURIComponent(id)}`;

/** The citizen's payments live under ['me', …]: signing in or out refreshes them. */
export const paymentKeys = {
  all: ['me', 'payments'] as const,
  list: (filter: MyPaymentsFilter) => ['me', 'payments', 'list', filter] as const,
  detail: (id: string) => ['me', 'payments', 'detail', id] as const,
  /** the fees of a draft at one revision of its answers */
  fees: (applicationId: string, revision: number) => ['applications', 'fees', applicationId, revision] as const,
};

const enc = encodeURIComponent;

export const paymentsApi = {
  mine: (params: { status: MyPaymentsFilter; cursor?: string; limit?: number }, signal?: AbortSignal) =>
    request<{ items: PaymentSummary[]; nextCursor: string | null }>(`/api/v1/me/payments${toQueryString(params)}`, { signal }),
  get: (id: string, signal?: AbortSignal) => request<PaymentDetail>(`/api/v1/payments/${enc(id)}`, { signal }),
  /** opens a checkout at the provider; the browser then goes to `redirectUrl` and comes back to `returnPath?esito=…` */
  checkout: (id: string, returnPath: string, idempotencyKey: string) =>
    request<CheckoutStarted>(`/api/v1/payments/${enc(id)}/checkout`, {
      method: 'POST',
      body: { returnPath },
      headers: { 'Idempotency-Key': idempotencyKey },
    }),
  /** the citizen gives up a payment asked before sending: the application goes back to draft */
  cancel: (id: string) => request<PaymentDetail>(`/api/v1/payments/${enc(id)}/cancel`, { method: 'POST', body: {} }),
  fees: (applicationId: string, signal?: AbortSignal) => request<FeesPreview>(`/api/v1/applications/${enc(applicationId)}/fees`, { signal }),
  /** plain links: the browser downloads them with the session cookie */
  noticeUrl: (id: string) => `/api/v1/payments/${enc(id)}/notice.pdf`,
  receiptUrl: (id: string) => `/api/v1/payments/${enc(id)}/receipt.pdf`,
};

/**
 * The fees the draft's saved answers make the applicant pay before sending. Keyed by the draft's revision, so a
 * save of different answers asks again; the previous figure stays on screen meanwhile (no flicker).
 */
export const useFeesPreview = (applicationId: string, revision: number, enabled = true) =>
  useQuery({
    queryKey: paymentKeys.fees(applicationId, revision),
    queryFn: ({ signal }) => paymentsApi.fees(applicationId, signal),
    enabled,
    staleTime: 0,
    placeholderData: keepPreviousData,
    retry: false,
  });

/** The payments of an application (ApplicationDetail.payments; absent from answers of older servers). */
export const paymentsOf = (a: ApplicationDetail): PaymentSummary[] => (a as ApplicationDetail & { payments?: PaymentSummary[] }).payments ?? [];
