-- The citizen's own contact data for messages that concern no appointment (proposals, profile
-- expiry, receipts): given on the preferences page, used only to send. Appointments keep using
-- the contact given when booking (booking's GetAppointmentContact).
ALTER TABLE preferences ADD COLUMN email TEXT NOT NULL DEFAULT '';
ALTER TABLE preferences ADD COLUMN mobile TEXT NOT NULL DEFAULT '';
