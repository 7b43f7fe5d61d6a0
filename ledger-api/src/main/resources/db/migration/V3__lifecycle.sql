-- The convention lifecycle: avenants change the schedule from their date on, a résiliation
-- changes the status, thresholds are reached and tranches called.

alter table convention_view add column terminated_on date;

-- The schedule (amount, end date, tranches) in force from each date: the signature's, then one
-- row per avenant. A balance as of a date uses the last row dated on or before it.
create table convention_schedule (
    convention_id   varchar(100) not null,
    sequence_number bigint       not null,
    effective_on    date         not null,
    amount          numeric(15, 2) not null,
    ends_on         date,
    tranches        jsonb        not null,
    primary key (convention_id, sequence_number)
);

create table threshold_reached (
    convention_id  varchar(100) not null,
    tranche_number integer      not null,
    threshold      numeric(15, 2) not null,
    basis          varchar(2)   not null,
    consumed       numeric(15, 2) not null,
    reached_on     date         not null,
    primary key (convention_id, tranche_number)
);

create table fund_call (
    convention_id   varchar(100) not null,
    call_id         varchar(100) not null,
    tranche_number  integer      not null,
    amount          numeric(15, 2) not null,
    called_on       date         not null,
    consumed        numeric(15, 2) not null,
    payment_count   integer      not null,
    total_paid      numeric(15, 2) not null,
    primary key (convention_id, call_id)
);
