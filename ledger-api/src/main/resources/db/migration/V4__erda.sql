-- Issued ERDAs and their signatures. An issued ERDA's lines are not copied here: they are the
-- payments recorded before it (sequence_number) and dated on or before as_of, rebuilt on demand
-- and checked against sha256.

alter table fund_call add column erda_number integer;

create table erda_issued (
    convention_id   varchar(100) not null,
    number          integer      not null,
    sequence_number bigint       not null,
    as_of           date         not null,
    final           boolean      not null,
    issued_on       date         not null,
    payment_count   integer      not null,
    total_paid      numeric(15, 2) not null,
    received        numeric(15, 2) not null,
    sha256          varchar(64)  not null,
    primary key (convention_id, number)
);

create table erda_signature (
    convention_id varchar(100) not null,
    number        integer      not null,
    role          varchar(20)  not null,
    signer        text         not null,
    signed_on     date         not null,
    primary key (convention_id, number, role)
);
