/**
 * The physical one-stop desk, shared by server and web: appointment calendars and bookings, the take-a-number
 * queue (categories, counters, tickets), the waiting-room display, the visitors' ratings, the reception's
 * contacts register and the desk manager's figures. Times are ISO 8601 instants; days are Italian calendar days
 * (YYYY-MM-DD, Europe/Rome).
 */

// ---- appointments --------------------------------------------------------------------------------------------

/** One opening window of a weekday, in Europe/Rome wall-clock time. weekday: ISO, Monday = 1 … Sunday = 7. */
export interface WeeklyHours {
  weekday: 1 | 2 | 3 | 4 | 5 | 6 | 7;
  /** "09:00" */
  from: string;
  /** "12:30"; the last slot ends by then */
  to: string;
}

/** Days the calendar is closed (both ends included), besides Sundays without hours and Italian public holidays. */
export interface CalendarClosure {
  from: string;
  to: string;
  reason?: string;
}

export interface AppointmentCalendar {
  id: string;
  tenantId: string;
  officeId: string;
  officeName: string;
  name: string;
  serviceIds: string[];
  weeklyHours: WeeklyHours[];
  slotMinutes: number;
  capacity: number;
  bufferMinutes: number;
  minNoticeHours: number;
  horizonDays: number;
  closures: CalendarClosure[];
  /** the queue category an appointment joins at check-in */
  categoryId: string | null;
  active: boolean;
}

/** An office where a service can be booked (it has an active calendar listing the service). */
export interface BookingOffice {
  officeId: string;
  officeName: string;
  address: string;
  city: string;
  tenantId: string;
  tenantName: string;
  /** the first day with a free slot within the calendar's horizon, if any */
  firstFreeDay: string | null;
}

export interface Slot {
  startsAt: string;
  endsAt: string;
  /** places left (0: full, shown as taken) */
  free: number;
}

export interface SlotDay {
  day: string;
  /** why the day has no slots (closed, holiday, …), when it has none */
  closedReason?: string;
  slots: Slot[];
}

export const APPOINTMENT_STATUSES = ['booked', 'checked_in', 'served', 'no_show', 'cancelled'] as const;
export type AppointmentStatus = (typeof APPOINTMENT_STATUSES)[number];
export const APPOINTMENT_CHANNELS = ['online', 'phone', 'desk'] as const;
export type AppointmentChannel = (typeof APPOINTMENT_CHANNELS)[number];

export interface Appointment {
  id: string;
  tenantId: string;
  tenantName: string;
  officeId: string;
  officeName: string;
  officeAddress: string;
  serviceId: string;
  serviceTitle: string;
  startsAt: string;
  endsAt: string;
  status: AppointmentStatus;
  channel: AppointmentChannel;
  /** printed as a QR code; the kiosk reads it at check-in */
  code: string;
  reason: string;
  /** the person expected (the citizen, or whom the office booked for) */
  person: { name: string; fiscalCode: string | null; email: string | null; phone: string | null };
  /** whether the citizen may still move or cancel it (booked, and not yet started) */
  changeable: boolean;
  /** the ticket issued at check-in */
  ticketLabel: string | null;
  createdAt: string;
  cancelledAt: string | null;
}

// ---- queue ---------------------------------------------------------------------------------------------------

export interface DeskCategory {
  id: string;
  officeId: string;
  /** the ticket letter: "A" */
  prefix: string;
  name: string;
  description: string | null;
  sort: number;
  active: boolean;
}

export interface DeskCounter {
  id: string;
  officeId: string;
  name: string;
  categoryIds: string[];
  /** open: an operator is at it */
  open: boolean;
  /** the operator at it (null when closed): the counter page compares it with the signed-in operator */
  operatorId: string | null;
  operatorName: string | null;
  openedAt: string | null;
  active: boolean;
}

export const TICKET_STATUSES = ['waiting', 'called', 'served', 'no_show', 'cancelled'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];
export const TICKET_CHANNELS = ['kiosk', 'reception', 'appointment', 'simulated'] as const;
export type TicketChannel = (typeof TICKET_CHANNELS)[number];
export const TICKET_EVENT_KINDS = ['issued', 'checked_in', 'called', 'recalled', 'transferred', 'served', 'no_show', 'cancelled', 'rated'] as const;
export type TicketEventKind = (typeof TICKET_EVENT_KINDS)[number];

export interface Ticket {
  id: string;
  officeId: string;
  categoryId: string;
  categoryName: string;
  /** "A012" */
  label: string;
  day: string;
  status: TicketStatus;
  channel: TicketChannel;
  /** an appointment's ticket: goes ahead at its time */
  appointment: { id: string; startsAt: string } | null;
  counterId: string | null;
  counterName: string | null;
  issuedAt: string;
  calledAt: string | null;
  finishedAt: string | null;
  callCount: number;
  /** people ahead in the same category when issued (kiosk receipt) */
  waitingBefore?: number;
  /** minutes, from today's observed service times; null when there is no history yet */
  estimatedWaitMinutes?: number | null;
}

/** The queue of a category as the kiosk, reception and counters see it. No personal data. */
export interface QueueState {
  categoryId: string;
  prefix: string;
  name: string;
  waiting: number;
  /** the labels of the next tickets, in calling order */
  next: string[];
  /** the last label called today */
  lastCalled: string | null;
  estimatedWaitMinutes: number | null;
}

/** What the waiting-room display shows: the latest calls (newest first) and the queues. `seq` orders updates. */
export interface DisplayState {
  officeId: string;
  officeName: string;
  seq: string;
  calls: { ticketId: string; label: string; counterName: string; calledAt: string; recall: boolean }[];
  queues: QueueState[];
}

// ---- ratings, devices, contacts -------------------------------------------------------------------------------

export const RATINGS = ['satisfied', 'neutral', 'unsatisfied'] as const;
export type Rating = (typeof RATINGS)[number];

export const DESK_DEVICE_KINDS = ['kiosk', 'rating'] as const;
export type DeskDeviceKind = (typeof DESK_DEVICE_KINDS)[number];

export interface DeskDevice {
  id: string;
  officeId: string;
  kind: DeskDeviceKind;
  name: string;
  counterId: string | null;
  createdAt: string;
  lastSeenAt: string | null;
  revokedAt: string | null;
}

export const CONTACT_CHANNELS = ['desk', 'phone', 'email'] as const;
export type ContactChannel = (typeof CONTACT_CHANNELS)[number];
export const CONTACT_OUTCOMES = ['informed', 'status_given', 'application_started', 'booked', 'ticket_issued', 'referred', 'other'] as const;
export type ContactOutcome = (typeof CONTACT_OUTCOMES)[number];

export interface DeskContact {
  id: string;
  officeId: string;
  at: string;
  channel: ContactChannel;
  person: { name: string | null; fiscalCode: string | null };
  reason: string;
  outcome: ContactOutcome;
  note: string | null;
  serviceId: string | null;
  applicationId: string | null;
  applicationCode: string | null;
  ticketLabel: string | null;
  recordedBy: string | null;
}

/** A contact to record in the register; `officeId` absent = the operator's own desk office. */
export interface ContactInput {
  officeId?: string;
  channel: ContactChannel;
  person: { name?: string; fiscalCode?: string };
  reason: string;
  outcome: ContactOutcome;
  note?: string;
  serviceId?: string;
  applicationId?: string;
  ticketId?: string;
  appointmentId?: string;
}

/** "Where is my application": the person found (by fiscal code) and the body's applications that match. */
export interface LookupAnswer {
  person: { name: string; fiscalCode: string } | null;
  applications: {
    id: string; code: string; serviceTitle: string; status: import('./applications.ts').ApplicationStatus; submittedAt: string | null; dueDate: string | null;
    officeName: string | null; protocolNumber: string | null; closedAt: string | null;
  }[];
}

/** A draft the reception started in the person's name. */
export interface StartedApplication {
  applicationId: string;
  code: string;
  citizenName: string;
}

// ---- the desk manager's figures -------------------------------------------------------------------------------

/** The service level the staffing figures aim at: 80% of people called within 10 minutes. */
export const SERVICE_LEVEL = { share: 0.8, withinMinutes: 10 } as const;

export interface DeskCategoryFigures {
  categoryId: string;
  name: string;
  prefix: string;
  tickets: number;
  served: number;
  /** left before being served: no-show after a call, or never called by closing */
  abandoned: number;
  waitMeanMinutes: number | null;
  waitP90Minutes: number | null;
  serviceMeanMinutes: number | null;
}

/** One hour of the day, averaged over the period's days the office was open. */
export interface DeskHourStaffing {
  /** 8 = 08:00–09:00 */
  hour: number;
  arrivalsPerHour: number;
  meanServiceMinutes: number | null;
  /** counters needed for SERVICE_LEVEL at these rates (Erlang C); null when nobody came */
  countersNeeded: number | null;
  /** mean counters open during the hour */
  countersOpen: number;
  /** share called within SERVICE_LEVEL.withinMinutes with countersOpen (Erlang C), 0..1; null when not computable */
  serviceLevelWithOpen: number | null;
}

export interface DeskFigures {
  officeId: string;
  from: string;
  to: string;
  arrivals: { byHour: { hour: number; count: number }[]; byDay: { day: string; count: number }[]; byWeek: { week: string; count: number }[] };
  totals: { tickets: number; served: number; abandoned: number; abandonmentRate: number | null; waitMeanMinutes: number | null; waitP90Minutes: number | null; appointments: number; noShowAppointments: number };
  categories: DeskCategoryFigures[];
  satisfaction: { satisfied: number; neutral: number; unsatisfied: number; /** satisfied share of all ratings */ score: number | null };
  staffing: DeskHourStaffing[];
}
