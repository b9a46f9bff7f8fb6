-- Service catalogue, calendars, slots, appointments and the staff-access audit log.
-- Portable SQL (PostgreSQL 15 and SQLite): times in UTC microseconds, booleans as integers.
CREATE TABLE bookable_services (
  code TEXT PRIMARY KEY,
  definition TEXT NOT NULL,          -- JSON of the service's settings (sisl.booking.v1 fields)
  citizen_self_booking INTEGER NOT NULL,
  updated_at BIGINT NOT NULL
);

CREATE TABLE calendars (
  id TEXT PRIMARY KEY,
  site_code TEXT NOT NULL REFERENCES offices (site_code),
  service_code TEXT NOT NULL REFERENCES bookable_services (code),
  first_day TEXT NOT NULL,           -- ISO dates, Europe/Rome
  last_day TEXT NOT NULL,
  definition TEXT NOT NULL,          -- JSON: bands, exceptions, operators
  request_id TEXT,
  created_by TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  version BIGINT NOT NULL DEFAULT 1,
  CHECK (first_day <= last_day)
);
CREATE INDEX calendars_by_site_service ON calendars (site_code, service_code, first_day);
CREATE UNIQUE INDEX calendars_request ON calendars (created_by, request_id)
  WHERE request_id IS NOT NULL;

-- The seat invariant lives here: booked can never exceed capacity, whatever the replicas do.
CREATE TABLE slots (
  id TEXT PRIMARY KEY,
  calendar_id TEXT NOT NULL REFERENCES calendars (id),
  site_code TEXT NOT NULL,
  service_code TEXT NOT NULL,
  local_day TEXT NOT NULL,
  local_start TEXT NOT NULL,         -- "09:00"
  start_at BIGINT NOT NULL,
  end_at BIGINT NOT NULL,
  capacity INTEGER NOT NULL CHECK (capacity >= 0),
  booked INTEGER NOT NULL DEFAULT 0,
  CHECK (booked >= 0 AND booked <= capacity),
  UNIQUE (calendar_id, start_at)
);
CREATE INDEX slots_search ON slots (service_code, local_day, site_code);

CREATE TABLE appointments (
  id TEXT PRIMARY KEY,
  slot_id TEXT NOT NULL REFERENCES slots (id),
  service_code TEXT NOT NULL,
  site_code TEXT NOT NULL,
  start_at BIGINT NOT NULL,
  end_at BIGINT NOT NULL,
  delivery_mode INTEGER NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('to_deliver', 'delivered', 'cancelled_by_citizen',
                                       'cancelled_by_operator', 'moved', 'no_show')),
  person_id TEXT NOT NULL,           -- HMAC of the fiscal code
  fiscal_code TEXT NOT NULL,
  contact TEXT NOT NULL,             -- JSON: email, mobile, language, channels
  operator_id TEXT NOT NULL,
  booked_by TEXT NOT NULL,
  booked_by_role TEXT NOT NULL,
  cancellation_reason INTEGER NOT NULL DEFAULT 0,
  note TEXT NOT NULL DEFAULT '',
  moved_to TEXT,
  moved_from TEXT,
  no_show_justified INTEGER NOT NULL DEFAULT 0,
  sequence INTEGER NOT NULL DEFAULT 0,
  request_id TEXT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
-- One open booking per person and service.
CREATE UNIQUE INDEX appointments_one_open ON appointments (person_id, service_code)
  WHERE state = 'to_deliver';
CREATE UNIQUE INDEX appointments_request ON appointments (booked_by, request_id)
  WHERE request_id IS NOT NULL;
CREATE INDEX appointments_by_person ON appointments (person_id, start_at);
CREATE INDEX appointments_by_site_day ON appointments (site_code, start_at);
CREATE INDEX appointments_by_slot ON appointments (slot_id);

-- Serialises one person's bookings across replicas (row lock on PostgreSQL).
CREATE TABLE person_locks (
  person_id TEXT PRIMARY KEY,
  counter BIGINT NOT NULL
);

-- Every staff read or change of a citizen's appointments: who, what, when, why.
CREATE TABLE audit_log (
  id TEXT PRIMARY KEY,
  at BIGINT NOT NULL,
  actor TEXT NOT NULL,
  actor_role TEXT NOT NULL,
  action TEXT NOT NULL,
  person_id TEXT NOT NULL,
  appointment_id TEXT,
  reason TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_by_person ON audit_log (person_id, at);
