-- Read models. Each is rebuilt from the event store by a replay: nothing here is the truth, the
-- events are. Amounts are numeric(15,2): euros with cents, exact. Columns holding values that the
-- API validates to a fixed shape (EJ, DP, SIREN, SIRET, identifiers) have that size; every other
-- text is unbounded, so that no accepted value can make a projection fail for ever.

-- One row per convention: its terms as signed and the dates that change its status.
create table convention_view (
    convention_id      varchar(100) primary key,
    title              text         not null,
    contributor_name   text         not null,
    contributor_kind   varchar(40)  not null,
    contributor_siren  varchar(9),
    beneficiary        text         not null,
    fund_code          text,
    programme          text,
    bop                text,
    amount             numeric(15, 2) not null,
    funding_mode       varchar(20)  not null,
    signed_on          date         not null,
    effective_on       date,
    ends_on            date,
    terms              jsonb        not null,
    closed_on          date,
    settled_on         date,
    last_sequence      bigint       not null
);
create index convention_view_fund_idx on convention_view (fund_code);
create index convention_view_programme_idx on convention_view (programme);

-- Every money movement with its business date. A balance "as of" a date is the sum of the rows
-- dated on or before it; a fund's figures by exercice are the same sums grouped by year.
create table ledger_movement (
    event_id        varchar(255) primary key,
    convention_id   varchar(100) not null,
    sequence_number bigint       not null,
    business_date   date         not null,
    kind            varchar(40)  not null,
    ej_number       varchar(10),
    received        numeric(15, 2) not null default 0,
    ae_opened       numeric(15, 2) not null default 0,
    cp_opened       numeric(15, 2) not null default 0,
    ae_committed    numeric(15, 2) not null default 0,
    ae_released     numeric(15, 2) not null default 0,
    cp_paid         numeric(15, 2) not null default 0,
    restituted      numeric(15, 2) not null default 0
);
create index ledger_movement_convention_date_idx on ledger_movement (convention_id, business_date);
create index ledger_movement_ej_idx on ledger_movement (convention_id, ej_number);

-- The engagements juridiques and the payments made on them, with what reports print.
create table commitment_view (
    convention_id  varchar(100) not null,
    ej_number      varchar(10)  not null,
    supplier_name  text         not null,
    supplier_siret varchar(14),
    object         text         not null,
    marche         text,
    committed_on   date         not null,
    amount         numeric(15, 2) not null,
    primary key (convention_id, ej_number)
);

create table payment_view (
    convention_id     varchar(100) not null,
    dp_number         varchar(9)   not null,
    ej_number         varchar(10)  not null,
    amount            numeric(15, 2) not null,
    service_fait_on   date         not null,
    paid_on           date         not null,
    invoice_reference text,
    sequence_number   bigint       not null,
    primary key (convention_id, dp_number)
);
create index payment_view_paid_on_idx on payment_view (convention_id, paid_on);

-- Every event of every convention, for the history endpoint and for auditors.
create table history_entry (
    event_id        varchar(255) primary key,
    convention_id   varchar(100) not null,
    sequence_number bigint       not null,
    type            varchar(100) not null,
    business_date   date         not null,
    recorded_at     timestamp with time zone not null,
    recorded_by     text,
    correlation_id  text,
    fields          jsonb        not null
);
create unique index history_entry_convention_sequence_idx on history_entry (convention_id, sequence_number);
