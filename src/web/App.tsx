import { QueryClientProvider } from '@tanstack/react-query';
import { lazy, Suspense } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router';
import { queryClient } from './api/queries';
import HomePage from './citizen/HomePage';
import NotFoundPage from './citizen/NotFoundPage';
import SearchPage from './citizen/SearchPage';
import ServicePage from './citizen/ServicePage';
import TenantPage from './citizen/TenantPage';
import { Layout } from './ui/Layout';
import { Loading } from './ui/status';

// The first load carries only what the public pages paint (home, search, a body's page, a service card); every
// other page is a chunk fetched when visited. budget: test/web.bundle-budget.test.ts
// The back office is a separate chunk: citizens never download it, nor its Italian strings (fetched alongside).
const BackofficeApp = lazy(() => Promise.all([import('./backoffice/BackofficeApp'), import('./i18n/backoffice')]).then(([page]) => page));
// The form renderer (JSON Schema, validation) is loaded only by people who fill in an application.
const ApplicationFormPage = lazy(() => import('./citizen/application/ApplicationFormPage'));
const SubmittedPage = lazy(() => import('./citizen/application/SubmittedPage'));
// signing in and the personal area: only for those who sign in
const LoginPage = lazy(() => import('./citizen/LoginPage'));
const LoginFailedPage = lazy(() => import('./citizen/LoginFailedPage'));
const PersonalAreaPage = lazy(() => import('./citizen/PersonalAreaPage'));
const StartApplicationPage = lazy(() => import('./citizen/StartApplicationPage'));
const MyApplicationsPage = lazy(() => import('./citizen/practices/MyApplicationsPage'));
const ApplicationDetailPage = lazy(() => import('./citizen/practices/ApplicationDetailPage'));
const VerifyPage = lazy(() => import('./citizen/VerifyPage'));
const InboxPage = lazy(() => import('./citizen/messages/InboxPage'));
const PreferencesPage = lazy(() => import('./citizen/messages/PreferencesPage'));
const DevMailboxPage = lazy(() => import('./citizen/messages/DevMailboxPage'));
const AccessLogPage = lazy(() => import('./citizen/myspace/AccessLogPage'));
const CertificatesPage = lazy(() => import('./citizen/certificates/CertificatesPage'));
const RecommendationsPage = lazy(() => import('./citizen/recommendations/RecommendationsPage'));
const MyDataPage = lazy(() => import('./citizen/mydata/MyDataPage'));
// the desk: citizen booking
const BookingPage = lazy(() => import('./citizen/booking/BookingPage'));
const AppointmentsPage = lazy(() => import('./citizen/booking/AppointmentsPage'));
const AppointmentDetailPage = lazy(() => import('./citizen/booking/AppointmentDetailPage'));
// payments: "I miei pagamenti" and one payment
const MyPaymentsPage = lazy(() => import('./citizen/payments/MyPaymentsPage'));
const PaymentPage = lazy(() => import('./citizen/payments/PaymentPage'));
// the desk: floor pages
// The floor's screens (kiosk, display, rating tablet) are chunks of their own: citizens never load them.
const PairPage = lazy(() => import('./desk/PairPage'));
const KioskPage = lazy(() => import('./desk/KioskPage'));
const DisplayPage = lazy(() => import('./desk/DisplayPage'));
const RatingPage = lazy(() => import('./desk/RatingPage'));

const loading = (
  <div className="container">
    <Loading />
  </div>
);

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <BrowserRouter>
        <Routes>
          {/* the desk: floor pages */}
          <Route path="sportello/abbina" element={<Suspense fallback={loading}><PairPage /></Suspense>} />
          <Route path="sportello/totem" element={<Suspense fallback={loading}><KioskPage /></Suspense>} />
          <Route path="sportello/display/:officeId" element={<Suspense fallback={loading}><DisplayPage /></Suspense>} />
          <Route path="sportello/valutazione" element={<Suspense fallback={loading}><RatingPage /></Suspense>} />
          <Route element={<Layout />}>
            <Route index element={<HomePage />} />
            <Route path="servizi" element={<SearchPage />} />
            <Route path="enti/:tenantSlug" element={<TenantPage />} />
            <Route path="enti/:tenantSlug/servizi/:serviceSlug" element={<ServicePage />} />
            <Route path="enti/:tenantSlug/servizi/:serviceSlug/domanda" element={<Suspense fallback={loading}><StartApplicationPage /></Suspense>} />
            <Route path="accedi" element={<Suspense fallback={loading}><LoginPage /></Suspense>} />
            <Route path="accesso-non-riuscito" element={<Suspense fallback={loading}><LoginFailedPage /></Suspense>} />
            <Route path="area-personale" element={<Suspense fallback={loading}><PersonalAreaPage /></Suspense>} />
            <Route path="area-personale/pratiche" element={<Suspense fallback={loading}><MyApplicationsPage /></Suspense>} />
            <Route path="area-personale/pratiche/:applicationId" element={<Suspense fallback={loading}><ApplicationDetailPage /></Suspense>} />
            <Route path="area-personale/messaggi" element={<Suspense fallback={loading}><InboxPage /></Suspense>} />
            <Route path="area-personale/preferenze" element={<Suspense fallback={loading}><PreferencesPage /></Suspense>} />
            <Route path="area-personale/accessi" element={<Suspense fallback={loading}><AccessLogPage /></Suspense>} />
            <Route path="area-personale/certificati" element={<Suspense fallback={loading}><CertificatesPage /></Suspense>} />
            <Route path="area-personale/per-te" element={<Suspense fallback={loading}><RecommendationsPage /></Suspense>} />
            <Route path="area-personale/dati" element={<Suspense fallback={loading}><MyDataPage /></Suspense>} />
            {/* the desk: citizen booking */}
            <Route path="enti/:tenantSlug/servizi/:serviceSlug/prenota" element={<Suspense fallback={loading}><BookingPage /></Suspense>} />
            <Route path="area-personale/appuntamenti" element={<Suspense fallback={loading}><AppointmentsPage /></Suspense>} />
            <Route path="area-personale/appuntamenti/:appointmentId" element={<Suspense fallback={loading}><AppointmentDetailPage /></Suspense>} />
            {/* payments */}
            <Route path="area-personale/pagamenti" element={<Suspense fallback={loading}><MyPaymentsPage /></Suspense>} />
            <Route path="area-personale/pagamenti/:paymentId" element={<Suspense fallback={loading}><PaymentPage /></Suspense>} />
            <Route path="sviluppo/posta" element={<Suspense fallback={loading}><DevMailboxPage /></Suspense>} />
            <Route path="pratiche/:applicationId/compila" element={<Suspense fallback={loading}><ApplicationFormPage /></Suspense>} />
            <Route path="pratiche/:applicationId/inviata" element={<Suspense fallback={loading}><SubmittedPage /></Suspense>} />
            <Route path="verify/:code" element={<Suspense fallback={loading}><VerifyPage /></Suspense>} />
            <Route
              path="backoffice/*"
              element={
                <Suspense fallback={loading}>
                  <BackofficeApp />
                </Suspense>
              }
            />
            <Route path="*" element={<NotFoundPage />} />
          </Route>
        </Routes>
      </BrowserRouter>
    </QueryClientProvider>
  );
}
