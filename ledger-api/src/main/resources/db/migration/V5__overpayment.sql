-- An overpayment's excess: the part of a receipt that was above what was payable when it arrived
-- (PaymentReceived revision 2). It is due back at once and never opened as credits. Existing rows
-- had none; a replay fills it from the events.
alter table ledger_movement add column overpaid numeric(15, 2) not null default 0;
