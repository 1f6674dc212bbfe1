-- The physical one-stop desk: appointment calendars and bookings, the take-a-number queue (categories, counters,
-- tickets), the devices on the floor (kiosk, rating tablet), the contacts register of the reception, and the
-- visitors' ratings. Everything belongs to one body (tenant_id) and one of its offices.

-- A calendar an office opens for booking: which services it covers, when, and how many people per slot.
CREATE TABLE appointment_calendars (
  id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id         uuid NOT NULL REFERENCES tenants(id),
  office_id         uuid NOT NULL,
  name              text NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
  -- the services booked on it (a service is "competent" at the offices whose active calendars list it)
  service_ids       uuid[] NOT NULL DEFAULT '{}',
  -- [{ "weekday": 1..7 (ISO, Monday = 1), "from": "09:00", "to": "12:30" }], Europe/Rome wall-clock times
  weekly_hours      jsonb NOT NULL DEFAULT '[]',
  slot_minutes      integer NOT NULL CHECK (slot_minutes BETWEEN 5 AND 240),
  -- people booked at the same time (one per counter serving the calendar)
  capacity          integer NOT NULL DEFAULT 1 CHECK (capacity BETWEEN 1 AND 50),
  -- minutes kept free after each slot (the next slot starts after slot + buffer)
  buffer_minutes    integer NOT NULL DEFAULT 0 CHECK (buffer_minutes BETWEEN 0 AND 120),
  -- a slot can be booked up to this many hours before it starts
  min_notice_hours  integer NOT NULL DEFAULT 24 CHECK (min_notice_hours BETWEEN 0 AND 720),
  -- and no more than this many days ahead
  horizon_days      integer NOT NULL DEFAULT 60 CHECK (horizon_days BETWEEN 1 AND 365),
  -- [{ "from": "2026-12-24", "to": "2026-12-26", "reason": "Chiusura natalizia" }]; Italian public holidays are closed anyway
  closures          jsonb NOT NULL DEFAULT '[]',
  -- the queue category an appointment of this calendar joins at check-in (null: the office has no queue)
  category_id       uuid,
  active            boolean NOT NULL DEFAULT true,
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (office_id, tenant_id) REFERENCES offices (id, tenant_id),
  UNIQUE (id, tenant_id)
);
CREATE INDEX appointment_calendars_office_idx ON appointment_calendars (office_id);
CREATE INDEX appointment_calendars_services_idx ON appointment_calendars USING gin (service_ids);

-- How many people hold each slot: the one row that bookings of a slot race on. A booking adds one only while
-- the count is under the calendar's capacity (INSERT … ON CONFLICT DO UPDATE … WHERE booked < capacity), so two
-- people never take the last place; a cancellation or a move gives it back.
CREATE TABLE appointment_slots (
  tenant_id    uuid NOT NULL REFERENCES tenants(id),
  calendar_id  uuid NOT NULL,
  starts_at    timestamptz NOT NULL,
  booked       integer NOT NULL DEFAULT 0 CHECK (booked >= 0),
  PRIMARY KEY (calendar_id, starts_at),
  FOREIGN KEY (calendar_id, tenant_id) REFERENCES appointment_calendars (id, tenant_id)
);

CREATE TABLE appointments (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id          uuid NOT NULL REFERENCES tenants(id),
  office_id          uuid NOT NULL,
  calendar_id        uuid NOT NULL,
  service_id         uuid NOT NULL,
  starts_at          timestamptz NOT NULL,
  ends_at            timestamptz NOT NULL CHECK (ends_at > starts_at),
  -- the citizen who booked online (null for a booking the office took by phone or at the desk)
  citizen_id         uuid REFERENCES citizens(id),
  fiscal_code        text CHECK (fiscal_code ~ '^[A-Z0-9]{16}$'),
  name               text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  email              text CHECK (length(email) <= 254),
  phone              text CHECK (length(phone) <= 30),
  reason             text NOT NULL CHECK (length(reason) BETWEEN 1 AND 500),
  status             text NOT NULL DEFAULT 'booked' CHECK (status IN ('booked','checked_in','served','no_show','cancelled')),
  -- printed as a QR code on the confirmation; read by the kiosk at check-in
  code               text NOT NULL UNIQUE CHECK (code ~ '^[A-Z0-9]{6,16}$'),
  channel            text NOT NULL CHECK (channel IN ('online','phone','desk')),
  -- the operator who booked it for someone (phone, desk)
  booked_by          uuid,
  reminder_sent_at   timestamptz,
  cancelled_at       timestamptz,
  cancelled_by       text CHECK (cancelled_by IN ('citizen','office')),
  checked_in_at      timestamptz,
  ticket_id          uuid,
  idempotency_key    text,
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (office_id, tenant_id) REFERENCES offices (id, tenant_id),
  FOREIGN KEY (calendar_id, tenant_id) REFERENCES appointment_calendars (id, tenant_id),
  FOREIGN KEY (service_id, tenant_id) REFERENCES services (id, tenant_id),
  CHECK (status <> 'cancelled' OR cancelled_at IS NOT NULL),
  UNIQUE (citizen_id, idempotency_key),
  UNIQUE (id, tenant_id)
);
CREATE INDEX appointments_citizen_idx ON appointments (citizen_id, starts_at DESC);
CREATE INDEX appointments_office_day_idx ON appointments (office_id, starts_at);
-- the reminder sweep: booked appointments of tomorrow without a reminder yet
CREATE INDEX appointments_reminder_idx ON appointments (starts_at) WHERE status = 'booked' AND reminder_sent_at IS NULL;

-- A category of service at an office's take-a-number queue: its tickets are the letter and a number that
-- restarts every day (A001, A002, …).
CREATE TABLE desk_categories (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id    uuid NOT NULL REFERENCES tenants(id),
  office_id    uuid NOT NULL,
  prefix       text NOT NULL CHECK (prefix ~ '^[A-Z]$'),
  name         text NOT NULL CHECK (length(name) BETWEEN 1 AND 80),
  description  text CHECK (length(description) <= 300),
  sort         integer NOT NULL DEFAULT 0,
  active       boolean NOT NULL DEFAULT true,
  FOREIGN KEY (office_id, tenant_id) REFERENCES offices (id, tenant_id),
  UNIQUE (office_id, prefix),
  UNIQUE (id, tenant_id)
);
ALTER TABLE appointment_calendars
  ADD CONSTRAINT appointment_calendars_category_fkey FOREIGN KEY (category_id, tenant_id) REFERENCES desk_categories (id, tenant_id);

-- A counter (sportello) of the office and the categories it serves. An operator opens it (and is then its
-- operator) and closes it at the end of their shift; each opening is a session, for the staffing figures.
CREATE TABLE desk_counters (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id     uuid NOT NULL REFERENCES tenants(id),
  office_id     uuid NOT NULL,
  -- what the display and the ticket say: "Sportello 3"
  name          text NOT NULL CHECK (length(name) BETWEEN 1 AND 40),
  category_ids  uuid[] NOT NULL DEFAULT '{}',
  operator_id   uuid,
  opened_at     timestamptz,
  active        boolean NOT NULL DEFAULT true,
  FOREIGN KEY (office_id, tenant_id) REFERENCES offices (id, tenant_id),
  UNIQUE (office_id, name),
  UNIQUE (id, tenant_id)
);

CREATE TABLE desk_counter_sessions (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id    uuid NOT NULL REFERENCES tenants(id),
  office_id    uuid NOT NULL,
  counter_id   uuid NOT NULL,
  operator_id  uuid,
  opened_at    timestamptz NOT NULL,
  closed_at    timestamptz CHECK (closed_at IS NULL OR closed_at >= opened_at),
  FOREIGN KEY (counter_id, tenant_id) REFERENCES desk_counters (id, tenant_id)
);
CREATE INDEX desk_counter_sessions_office_idx ON desk_counter_sessions (office_id, opened_at);

-- The day's ticket numbers per category: issuing a ticket adds one to this row (an upsert that returns the new
-- number), so a number is never given twice and the row lock is held for one statement only.
CREATE TABLE desk_ticket_sequences (
  tenant_id    uuid NOT NULL REFERENCES tenants(id),
  category_id  uuid NOT NULL,
  day          date NOT NULL,
  last_number  integer NOT NULL CHECK (last_number > 0),
  PRIMARY KEY (category_id, day),
  FOREIGN KEY (category_id, tenant_id) REFERENCES desk_categories (id, tenant_id)
);

CREATE TABLE desk_tickets (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id       uuid NOT NULL REFERENCES tenants(id),
  office_id       uuid NOT NULL,
  -- the category it waits in now (a transfer changes it; the number keeps its first category's letter)
  category_id     uuid NOT NULL,
  -- the Italian day it was issued, and its number in the issuing category that day
  day             date NOT NULL,
  issued_category_id uuid NOT NULL,
  number          integer NOT NULL CHECK (number > 0),
  -- "A012"
  label           text NOT NULL CHECK (label ~ '^[A-Z][0-9]{3,4}$'),
  status          text NOT NULL DEFAULT 'waiting' CHECK (status IN ('waiting','called','served','no_show','cancelled')),
  channel         text NOT NULL CHECK (channel IN ('kiosk','reception','appointment','simulated')),
  appointment_id  uuid,
  -- an appointment's ticket goes ahead of the others from this time (its slot's start)
  priority_from   timestamptz,
  -- a ticket transferred to one counter is called only there
  counter_id      uuid,
  issued_at       timestamptz NOT NULL DEFAULT now(),
  first_called_at timestamptz,
  called_at       timestamptz,
  call_count      integer NOT NULL DEFAULT 0,
  called_by       uuid,
  finished_at     timestamptz,
  FOREIGN KEY (office_id, tenant_id) REFERENCES offices (id, tenant_id),
  FOREIGN KEY (category_id, tenant_id) REFERENCES desk_categories (id, tenant_id),
  FOREIGN KEY (issued_category_id, tenant_id) REFERENCES desk_categories (id, tenant_id),
  UNIQUE (issued_category_id, day, number),
  UNIQUE (id, tenant_id)
);
-- the next ticket to call: waiting ones of a category, priority first, then in order of arrival
CREATE INDEX desk_tickets_waiting_idx ON desk_tickets (category_id, issued_at) WHERE status = 'waiting';
CREATE INDEX desk_tickets_office_day_idx ON desk_tickets (office_id, day);
ALTER TABLE appointments
  ADD CONSTRAINT appointments_ticket_fkey FOREIGN KEY (ticket_id, tenant_id) REFERENCES desk_tickets (id, tenant_id);

-- Everything that happens to a ticket, in order. `seq` is the office's change stream: the display and the
-- counters ask for what happened after the last seq they saw, so a page that lost its connection catches up.
CREATE TABLE desk_ticket_events (
  seq          bigserial PRIMARY KEY,
  tenant_id    uuid NOT NULL REFERENCES tenants(id),
  office_id    uuid NOT NULL,
  ticket_id    uuid NOT NULL,
  kind         text NOT NULL CHECK (kind IN ('issued','checked_in','called','recalled','transferred','served','no_show','cancelled','rated')),
  counter_id   uuid,
  category_id  uuid,
  actor_id     uuid,
  at           timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (ticket_id, tenant_id) REFERENCES desk_tickets (id, tenant_id)
);
CREATE INDEX desk_ticket_events_office_idx ON desk_ticket_events (office_id, seq);

-- A visitor's rating of the visit on the tablet by the counter (three faces).
CREATE TABLE desk_ratings (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id   uuid NOT NULL REFERENCES tenants(id),
  office_id   uuid NOT NULL,
  ticket_id   uuid UNIQUE,
  counter_id  uuid,
  category_id uuid,
  rating      text NOT NULL CHECK (rating IN ('satisfied','neutral','unsatisfied')),
  created_at  timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (office_id, tenant_id) REFERENCES offices (id, tenant_id)
);
CREATE INDEX desk_ratings_office_idx ON desk_ratings (office_id, created_at);

-- Devices on the floor that act without a person signed in: the kiosk (issues tickets, checks in appointments)
-- and the rating tablet. Paired by a desk administrator; the key is stored hashed and can be revoked.
CREATE TABLE desk_devices (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id    uuid NOT NULL REFERENCES tenants(id),
  office_id    uuid NOT NULL,
  kind         text NOT NULL CHECK (kind IN ('kiosk','rating')),
  name         text NOT NULL CHECK (length(name) BETWEEN 1 AND 80),
  -- the rating tablet of one counter
  counter_id   uuid,
  key_hash     text NOT NULL UNIQUE,
  created_at   timestamptz NOT NULL DEFAULT now(),
  created_by   uuid,
  last_seen_at timestamptz,
  revoked_at   timestamptz,
  FOREIGN KEY (office_id, tenant_id) REFERENCES offices (id, tenant_id)
);

-- The single register of contacts with the public: who came or phoned, why, and how it ended.
CREATE TABLE desk_contacts (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id       uuid NOT NULL REFERENCES tenants(id),
  office_id       uuid NOT NULL,
  at              timestamptz NOT NULL DEFAULT now(),
  channel         text NOT NULL CHECK (channel IN ('desk','phone','email')),
  person_name     text CHECK (length(person_name) <= 200),
  fiscal_code     text CHECK (fiscal_code ~ '^[A-Z0-9]{16}$'),
  citizen_id      uuid,
  reason          text NOT NULL CHECK (length(reason) BETWEEN 1 AND 500),
  outcome         text NOT NULL CHECK (outcome IN ('informed','status_given','application_started','booked','ticket_issued','referred','other')),
  note            text CHECK (length(note) <= 2000),
  service_id      uuid,
  application_id  uuid,
  ticket_id       uuid,
  appointment_id  uuid,
  recorded_by     uuid,
  recorded_by_label text,
  FOREIGN KEY (office_id, tenant_id) REFERENCES offices (id, tenant_id)
);
CREATE INDEX desk_contacts_office_idx ON desk_contacts (office_id, at DESC);
CREATE INDEX desk_contacts_fiscal_code_idx ON desk_contacts (tenant_id, fiscal_code) WHERE fiscal_code IS NOT NULL;

-- Row-level security: the body's own rows; a citizen also reads and writes their own appointments (and the slot
-- counts their booking moves). Public pages (the display, the calendars' free slots) read through the platform
-- scope in the service, which answers only what the page shows.
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['appointment_calendars','desk_categories','desk_counters','desk_counter_sessions','desk_ticket_sequences',
                           'desk_tickets','desk_ticket_events','desk_ratings','desk_devices','desk_contacts'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY %I ON %I FOR ALL USING (sportello_platform() OR tenant_id = sportello_tenant()) WITH CHECK (sportello_platform() OR tenant_id = sportello_tenant())', t || '_tenant', t);
  END LOOP;
END $$;
ALTER TABLE appointments ENABLE ROW LEVEL SECURITY;
CREATE POLICY appointments_access ON appointments FOR ALL
  USING (sportello_platform() OR tenant_id = sportello_tenant() OR citizen_id = sportello_citizen())
  WITH CHECK (sportello_platform() OR tenant_id = sportello_tenant() OR citizen_id = sportello_citizen());
ALTER TABLE appointment_slots ENABLE ROW LEVEL SECURITY;
CREATE POLICY appointment_slots_access ON appointment_slots FOR ALL
  USING (sportello_platform() OR tenant_id = sportello_tenant() OR sportello_citizen() IS NOT NULL)
  WITH CHECK (sportello_platform() OR tenant_id = sportello_tenant() OR sportello_citizen() IS NOT NULL);

GRANT SELECT, INSERT, UPDATE, DELETE ON appointment_calendars, appointment_slots, appointments, desk_categories, desk_counters,
  desk_counter_sessions, desk_ticket_sequences, desk_tickets, desk_ratings, desk_devices, desk_contacts TO sportello_app;
-- the events are the office's history: appended, never changed
GRANT SELECT, INSERT ON desk_ticket_events TO sportello_app;
GRANT USAGE ON SEQUENCE desk_ticket_events_seq_seq TO sportello_app;
