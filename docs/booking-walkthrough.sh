#!/usr/bin/env bash
# The walkthrough of docs/booking.md as a script: run it against `./sisl run` (another terminal).
# Needs grpcurl (.run/bin after ./sisl test, or `go install .../grpcurl@v1.9.3`) and jq.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/.run/bin:$PATH"
A=${SISL_GRPC_ADDRESS:-127.0.0.1:50050}
SISL=${SISL_ALLINONE:-build/apps/sisl-allinone}
call() { local token=$1 method=$2 body=$3; grpcurl -plaintext -H "x-sisl-internal-token: $token" -d "$body" $A "sisl.booking.v1.$method"; }

# 1. Who is who. The all-in-one mints development tokens with its own key (never in production).
OP=$($SISL token --role operator --cpi CPI-TO-15 --subject op-torino-1)
CC=$($SISL token --role contact_centre --subject agente-cc-1)
MARIO=$($SISL token --role citizen --subject cittadino-1 --fiscal-code RSSMRA85T10L219G)

# 2. The catalogue.
call "$MARIO" CatalogueService/ListBookableServices '{"citizen_self_booking_only": true}' | jq -r '.services[] | "\(.code)\t\(.name_it)"'

# 3. An operator of Torino opens a calendar: job-search support at TO-02, weekday afternoons.
FIRST=$(date -d '+14 days' +%F); LAST=$(date -d '+42 days' +%F)
CAL=$(call "$OP" CalendarsService/CreateCalendar "{\"request_id\": \"walkthrough-$FIRST\", \"calendar\": {
  \"site_code\": \"TO-02\", \"service_code\": \"RICERCA_LAVORO\", \"first_date\": \"$FIRST\", \"last_date\": \"$LAST\",
  \"bands\": [{\"weekday\": \"WEEKDAY_MONDAY\", \"start_time\": \"14:00\", \"end_time\": \"16:00\", \"slot_minutes\": 30, \"seats_per_slot\": 1},
             {\"weekday\": \"WEEKDAY_WEDNESDAY\", \"start_time\": \"14:00\", \"end_time\": \"16:00\", \"slot_minutes\": 30, \"seats_per_slot\": 1}],
  \"operator_ids\": [\"op-torino-1\", \"op-torino-2\"]}}" | jq -r .calendar.id)
echo "calendar $CAL"
# A band that is not a whole number of slots is refused, naming the field:
call "$OP" CalendarsService/CreateCalendar "{\"calendar\": {\"site_code\": \"TO-03\", \"service_code\": \"RICERCA_LAVORO\",
  \"first_date\": \"$FIRST\", \"last_date\": \"$LAST\", \"operator_ids\": [\"op-torino-1\"],
  \"bands\": [{\"weekday\": \"WEEKDAY_FRIDAY\", \"start_time\": \"09:00\", \"end_time\": \"10:10\", \"slot_minutes\": 30, \"seats_per_slot\": 1}]}}" 2>&1 | grep -E 'Code|reason' || true

# 4. Mario searches: days with free seats next month near Moncalieri, then the first free slot.
MONTH=$(date -d '+1 month' +%Y-%m)
call "$MARIO" AvailabilityService/GetMonthAvailability "{\"service_code\": \"DID_PATTO\", \"month\": \"$MONTH\",
  \"scope\": {\"scope\": \"SEARCH_SCOPE_NEAREST\", \"municipality\": \"Moncalieri\"}}" | jq -c '.days[:3]'
SLOT=$(call "$MARIO" AvailabilityService/FindFirstAvailable '{"service_code": "DID_PATTO",
  "scope": {"scope": "SEARCH_SCOPE_NEAREST", "municipality": "Moncalieri"}}' | jq -r .slot.id)
echo "first free slot $SLOT"

# 5. Mario books it (request_id makes a retry safe), then downloads the calendar file.
APPT=$(call "$MARIO" AppointmentsService/BookAppointment "{\"slot_id\": \"$SLOT\", \"delivery_mode\": \"DELIVERY_MODE_IN_PERSON\",
  \"request_id\": \"walkthrough-book-$FIRST\", \"citizen\": {\"email\": \"mario.rossi@example.org\", \"domicile_municipality\": \"001272\"}}" | jq -r .appointment.id)
echo "appointment $APPT"
# Booking the same service again is refused with its own reason:
call "$MARIO" AppointmentsService/BookAppointment "{\"slot_id\": \"$SLOT\", \"delivery_mode\": \"DELIVERY_MODE_IN_PERSON\",
  \"citizen\": {\"email\": \"mario.rossi@example.org\", \"domicile_municipality\": \"001272\"}}" 2>&1 | grep -E 'reason' || true
call "$MARIO" AppointmentsService/GetAppointmentIcs "{\"id\": \"$APPT\"}" | jq -r .ics | head -12

# 6. Mario moves it to the next free slot of another day; the old one points to the new one.
n=20; while [ "$(date -d "+$n days" +%u)" -gt 5 ]; do n=$((n + 1)); done  # a weekday
DAY2=$(date -d "+$n days" +%F)
SLOT2=$(call "$MARIO" AvailabilityService/GetDayAvailability "{\"service_code\": \"DID_PATTO\", \"date\": \"$DAY2\",
  \"scope\": {\"scope\": \"SEARCH_SCOPE_PROVINCE\", \"province\": \"Torino\"}}" | jq -r '.slots[0].id')
MOVED=$(call "$MARIO" AppointmentsService/MoveAppointment "{\"id\": \"$APPT\", \"new_slot_id\": \"$SLOT2\",
  \"delivery_mode\": \"DELIVERY_MODE_VIDEO_CALL\", \"request_id\": \"walkthrough-move-$FIRST\"}" | jq -r .appointment.id)
call "$MARIO" AppointmentsService/GetAppointment "{\"id\": \"$APPT\"}" | jq -c '.appointment | {state, moved_to}'

# 7. The contact centre finds Mario by fiscal code (audited, with a reason) and cancels for him.
call "$CC" AppointmentsService/SearchAppointments '{"fiscal_code": "RSSMRA85T10L219G", "access_reason": "telefonata del cittadino"}' \
  | jq -c '.appointments[] | {id, state, fiscal_code}'
call "$CC" AppointmentsService/CancelAppointment "{\"id\": \"$MOVED\", \"reason\": \"CANCELLATION_REASON_WORK\",
  \"note\": \"ha trovato lavoro\"}" | jq -c '.appointment | {state, sequence}'

# 8. Attendance: an operator records a no-show once an appointment has started; before that the
#    service refuses with ATTENDANCE_BEFORE_START (shown here on a fresh booking).
SLOT3=$(call "$OP" AvailabilityService/GetDayAvailability "{\"service_code\": \"DID_PATTO\", \"date\": \"$DAY2\",
  \"scope\": {\"scope\": \"SEARCH_SCOPE_REGION\", \"site_codes\": [\"TO-01\"]}}" | jq -r '.slots[0].id')
APPT3=$(call "$OP" AppointmentsService/BookAppointment "{\"slot_id\": \"$SLOT3\", \"delivery_mode\": \"DELIVERY_MODE_IN_PERSON\",
  \"citizen\": {\"fiscal_code\": \"VRDLCU92C45L219X\", \"mobile\": \"+393331234567\", \"domicile_municipality\": \"001272\"}}" \
  | jq -r .appointment.id)
call "$OP" AppointmentsService/RecordAttendance "{\"id\": \"$APPT3\", \"attendance\": \"ATTENDANCE_NO_SHOW\"}" 2>&1 | grep -E 'reason' || true
echo "walkthrough done"
