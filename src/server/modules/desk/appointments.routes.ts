/**
 * Appointments (desk-api.md): where and when a service can be booked (public), the bookings of citizens and of
 * the office's reception, the QR code, move and cancel, and the desk administrators' calendars. Each route
 * validates and makes one call into AppointmentsService, which decides who may do it. Also starts the reminders'
 * background task in worker processes (appointments.tasks.ts).
 */
import { Type } from 'typebox';
import { actorOf, type App, type AppContext } from '../../platform/context.ts';
import {
  AppointmentList, AppointmentParams, AppointmentCalendarSchema, AppointmentSchema, BookingOfficeList, CalendarInput, CalendarList,
  CalendarParams, EmptyBody, IdempotencyHeaders, ListQuery, MoveBody, NewAppointment, OfficeParams, ServiceParams, SlotsAnswer, SlotsQuery,
} from './appointments.schemas.ts';
import { scheduleAppointmentReminders } from './appointments.tasks.ts';

const Problem = Type.Ref('Problem');
const PROBLEMS = { 400: Problem, 401: Problem, 403: Problem, 404: Problem };
const PRIVATE = 'private, no-store';
const TAGS = ['sportello: appuntamenti'];
const SETUP = ['sportello: configurazione'];

export async function appointmentsRoutes(app: App, ctx: AppContext, opts: { tasks: boolean } = { tasks: false }) {
  const svc = ctx.services.appointments;
  app.addSchema(AppointmentCalendarSchema);
  app.addSchema(AppointmentSchema);
  scheduleAppointmentReminders(app, ctx, opts);

  // ---- public -------------------------------------------------------------------------------------------------

  app.get('/api/v1/services/:serviceId/booking-offices', {
    schema: {
      tags: TAGS, summary: 'Dove prenotare un appuntamento per un servizio', operationId: 'listBookingOffices',
      description: "Gli uffici che prendono appuntamenti per il servizio (hanno un calendario attivo che lo elenca), con l'indirizzo e il primo " +
        'giorno che ha ancora un posto libero. Pubblico: nessun dato personale.',
      params: ServiceParams, response: { 200: BookingOfficeList, 404: Problem, 400: Problem },
    },
  }, async (req) => svc.bookingOffices(req.params.serviceId));

  app.get('/api/v1/offices/:officeId/slots', {
    schema: {
      tags: TAGS, summary: 'Gli orari liberi di un ufficio per un servizio', operationId: 'listAppointmentSlots',
      description: "I giorni (ora di Roma) da `from` per `days` giorni (al massimo 31, 14 se manca) con gli orari del calendario dell'ufficio per il " +
        'servizio e i posti liberi di ciascuno. I giorni prima del preavviso minimo e oltre l\'orizzonte di prenotazione non compaiono; i giorni ' +
        'chiusi (festività nazionali, chiusure, nessun orario) hanno il motivo e nessun orario. 404 se l\'ufficio non ha un calendario attivo per il servizio. ' +
        'Pubblico: solo conteggi, nessun dato personale.',
      params: OfficeParams, querystring: SlotsQuery, response: { 200: SlotsAnswer, 400: Problem, 404: Problem },
    },
  }, async (req, reply) => reply.header('cache-control', 'no-cache').send(await svc.slots(req.params.officeId, req.query)));

  // ---- bookings -----------------------------------------------------------------------------------------------

  app.post('/api/v1/appointments', {
    config: { personalData: true },
    schema: {
      tags: TAGS, summary: 'Prenota un appuntamento', operationId: 'bookAppointment',
      description: "Il cittadino prenota per sé: nome e codice fiscale sono quelli dell'accesso, i recapiti quelli del profilo salvo email e phone " +
        "dati qui; channel e person non si usano. L'accoglienza dell'ufficio (desk.reception) prenota per chi telefona o si presenta: person.name " +
        "obbligatorio, codice fiscale facoltativo (se è di un cittadino registrato, l'appuntamento compare nella sua area personale e i messaggi " +
        "gli arrivano; chi non ha un account non riceve messaggi). L'orario dev'essere uno di quelli offerti dal calendario dell'ufficio per il " +
        'servizio (400 sul campo startsAt se non lo è, se è troppo presto, troppo lontano o il giorno è chiuso); 409 con tipo …/slot-full se i ' +
        "posti sono finiti. Con Idempotency-Key, un nuovo invio restituisce l'appuntamento già creato. Arriva al cittadino la conferma " +
        '(appointment_confirmed) con codice, servizio, ufficio, giorno e ora, mai il motivo.',
      headers: IdempotencyHeaders, body: NewAppointment,
      response: { 201: Type.Ref('Appointment'), ...PROBLEMS, 409: Problem },
    },
  }, async (req, reply) => {
    const key = req.headers['idempotency-key'];
    const { appointment } = await svc.book(await actorOf(ctx, req), req.body, typeof key === 'string' ? key : undefined);
    return reply.code(201).header('cache-control', PRIVATE).send(appointment);
  });

  app.get('/api/v1/appointments', {
    config: { personalData: true },
    schema: {
      tags: TAGS, summary: 'I miei appuntamenti, o l\'agenda di un ufficio', operationId: 'listAppointments',
      description: "Per il cittadino: i suoi appuntamenti, prima i prossimi (dal più vicino), poi i passati. Per l'accoglienza dell'ufficio " +
        "(desk.reception): l'agenda del giorno `day` (oggi se manca) dell'ufficio `office`, in ordine di orario; ogni persona nell'agenda " +
        'trova la lettura nel registro degli accessi (una volta al giorno per operatore).',
      querystring: ListQuery, response: { 200: AppointmentList, ...PROBLEMS },
    },
  }, async (req, reply) => reply.header('cache-control', PRIVATE).send(await svc.list(await actorOf(ctx, req), req.query)));

  app.get('/api/v1/appointments/:appointmentId', {
    config: { personalData: true },
    schema: {
      tags: TAGS, summary: 'Un appuntamento', operationId: 'readAppointment',
      description: "L'appuntamento, per il cittadino che l'ha prenotato o per l'accoglienza del suo ufficio (la lettura è registrata). Un altro cittadino riceve 404.",
      params: AppointmentParams, response: { 200: Type.Ref('Appointment'), ...PROBLEMS },
    },
  }, async (req, reply) => reply.header('cache-control', PRIVATE).send(await svc.get(await actorOf(ctx, req), req.params.appointmentId)));

  app.get('/api/v1/appointments/:appointmentId/qr.svg', {
    schema: {
      tags: TAGS, summary: "Il QR code dell'appuntamento", operationId: 'appointmentQrCode',
      description: "Il codice dell'appuntamento come QR code (SVG), da mostrare al totem all'arrivo. Per il cittadino che l'ha prenotato o per l'accoglienza del suo ufficio.",
      params: AppointmentParams,
      response: { 200: { description: 'il QR code in SVG', content: { 'image/svg+xml': { schema: Type.String({ maxLength: 200_000 }) } } }, ...PROBLEMS },
    },
  }, async (req, reply) => reply.type('image/svg+xml').header('cache-control', PRIVATE).send(await svc.qr(await actorOf(ctx, req), req.params.appointmentId)));

  app.post('/api/v1/appointments/:appointmentId/move', {
    config: { personalData: true },
    schema: {
      tags: TAGS, summary: 'Sposta un appuntamento', operationId: 'moveAppointment',
      description: "Sposta l'appuntamento a un altro orario dello stesso calendario: il nuovo posto è preso e il vecchio liberato insieme (409 …/slot-full " +
        "se il nuovo è al completo, e l'appuntamento resta dov'era). Il cittadino fino all'inizio dell'appuntamento; l'accoglienza dell'ufficio finché " +
        "è prenotato. Arriva una nuova conferma; il promemoria sarà per il nuovo giorno.",
      params: AppointmentParams, body: MoveBody, response: { 200: Type.Ref('Appointment'), ...PROBLEMS, 409: Problem },
    },
  }, async (req, reply) => reply.header('cache-control', PRIVATE).send(await svc.move(await actorOf(ctx, req), req.params.appointmentId, req.body.startsAt)));

  app.post('/api/v1/appointments/:appointmentId/cancel', {
    config: { personalData: true },
    schema: {
      tags: TAGS, summary: 'Annulla un appuntamento', operationId: 'cancelAppointment',
      description: "Annulla l'appuntamento e libera il posto. Il cittadino il suo, fino all'inizio; l'accoglienza dell'ufficio finché è prenotato. 409 se è già annullato o registrato all'arrivo.",
      params: AppointmentParams, body: EmptyBody, response: { 200: Type.Ref('Appointment'), ...PROBLEMS, 409: Problem },
    },
  }, async (req, reply) => reply.header('cache-control', PRIVATE).send(await svc.cancel(await actorOf(ctx, req), req.params.appointmentId)));

  // ---- calendars ----------------------------------------------------------------------------------------------

  app.get('/api/v1/offices/:officeId/calendars', {
    schema: {
      tags: SETUP, summary: "I calendari degli appuntamenti di un ufficio", operationId: 'listAppointmentCalendars',
      description: "I calendari dell'ufficio con orari settimanali, durata, posti, pause, preavviso, orizzonte e chiusure. Per chi configura lo sportello (desk.configure) e per l'accoglienza dell'ufficio (desk.reception), che li legge per prenotare.",
      params: OfficeParams, response: { 200: CalendarList, ...PROBLEMS },
    },
  }, async (req, reply) => reply.header('cache-control', PRIVATE).send(await svc.calendars(await actorOf(ctx, req), req.params.officeId)));

  app.post('/api/v1/offices/:officeId/calendars', {
    schema: {
      tags: SETUP, summary: 'Crea un calendario degli appuntamenti', operationId: 'createAppointmentCalendar',
      description: "Un nuovo calendario dell'ufficio (desk.configure). Orari come HH:MM ora di Roma, ogni fascia con l'apertura prima della chiusura e " +
        "lunga almeno un appuntamento, senza sovrapposizioni nello stesso giorno; chiusure con il primo giorno non dopo l'ultimo; servizi dell'ente; " +
        "categoria della coda dello stesso ufficio o null. Ogni errore è indicato sul suo campo. Le festività nazionali sono chiuse comunque. " +
        'Con Idempotency-Key, un nuovo invio restituisce il calendario già creato.',
      params: OfficeParams, headers: IdempotencyHeaders, body: CalendarInput, response: { 201: Type.Ref('AppointmentCalendar'), ...PROBLEMS, 409: Problem },
    },
  }, async (req, reply) => {
    const key = req.headers['idempotency-key'];
    const calendar = await svc.createCalendar(await actorOf(ctx, req), req.params.officeId, req.body, typeof key === 'string' ? key : undefined);
    return reply.code(201).header('cache-control', PRIVATE).send(calendar);
  });

  app.put('/api/v1/calendars/:calendarId', {
    schema: {
      tags: SETUP, summary: 'Cambia un calendario degli appuntamenti', operationId: 'updateAppointmentCalendar',
      description: "Sostituisce le regole del calendario (desk.configure), con gli stessi controlli della creazione. Gli appuntamenti già presi restano: " +
        'ridurre i posti vale per le nuove prenotazioni, togliere un orario non annulla chi l\'ha prenotato.',
      params: CalendarParams, body: CalendarInput, response: { 200: Type.Ref('AppointmentCalendar'), ...PROBLEMS },
    },
  }, async (req, reply) => reply.header('cache-control', PRIVATE).send(await svc.updateCalendar(await actorOf(ctx, req), req.params.calendarId, req.body)));
}
