/**
 * The back office's calls for payments (shapes from src/contracts/payments.ts): the body's list with its totals,
 * one payment, a new debt position, cancel and refund with a reason, the day's reconciliation, and the payment
 * asked on an application. Creating POSTs carry an Idempotency-Key the caller keeps while it retries the same thing.
 */
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type { DebtPositionInput, PaymentDetail, PaymentRequestInput, PaymentSummary, ReconciliationResult } from '../../../contracts/payments';
import { request, toQueryString } from '../../api/client';
import type { PaymentFilters } from './filters';

const enc = encodeURIComponent;

export interface PaymentPage {
  items: PaymentSummary[];
  nextCursor: string | null;
  /** of everything the filters find, not only of this page */
  totals: { count: number; amountCents: number };
}

export const PAGE_SIZE = 25;

export const officePaymentsApi = {
  list: (tenantId: string, filters: PaymentFilters, cursor: string | undefined, signal?: AbortSignal) =>
    request<PaymentPage>(`/api/v1/payments${toQueryString({ tenant: tenantId, ...filters, cursor, limit: PAGE_SIZE })}`, { signal }),
  get: (id: string, signal?: AbortSignal) => request<PaymentDetail>(`/api/v1/payments/${enc(id)}`, { signal }),
  createDebt: (input: DebtPositionInput, idempotencyKey: string) =>
    request<PaymentDetail>('/api/v1/payments', { method: 'POST', body: input, headers: { 'Idempotency-Key': idempotencyKey } }),
  cancel: (id: string, reason: string) => request<PaymentDetail>(`/api/v1/payments/${enc(id)}/cancel`, { method: 'POST', body: { reason } }),
  refund: (id: string, reason: string) => request<PaymentDetail>(`/api/v1/payments/${enc(id)}/refund`, { method: 'POST', body: { reason } }),
  reconcile: (tenantId: string, date: string) =>
    request<ReconciliationResult>('/api/v1/payments/reconciliation', { method: 'POST', body: { tenantId, date } }),
  requestPayment: (applicationId: string, input: PaymentRequestInput, idempotencyKey: string) =>
    request<PaymentDetail>(`/api/v1/applications/${enc(applicationId)}/payment-request`, { method: 'POST', body: input, headers: { 'Idempotency-Key': idempotencyKey } }),
  noticeUrl: (id: string) => `/api/v1/payments/${enc(id)}/notice.pdf`,
  receiptUrl: (id: string) => `/api/v1/payments/${enc(id)}/receipt.pdf`,
};

export const officePaymentKeys = {
  all: ['officePayments'] as const,
  list: (tenantId: string, filters: PaymentFilters) => ['officePayments', 'list', tenantId, filters] as const,
  detail: (id: string) => ['officePayments', 'detail', id] as const,
};

export const usePaymentList = (tenantId: string, filters: PaymentFilters) =>
  useInfiniteQuery({
    queryKey: officePaymentKeys.list(tenantId, filters),
    queryFn: ({ pageParam, signal }) => officePaymentsApi.list(tenantId, filters, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last: PaymentPage) => last.nextCursor ?? undefined,
    staleTime: 0,
  });

export const usePayment = (id: string | undefined) =>
  useQuery({
    queryKey: officePaymentKeys.detail(id ?? ''),
    queryFn: ({ signal }) => officePaymentsApi.get(id!, signal),
    enabled: !!id,
    staleTime: 0,
    // a checkout open at the provider ends in a few seconds or minutes: follow it while the page is open
    refetchInterval: (query) => (query.state.data?.status === 'pending' ? 5000 : false),
  });
