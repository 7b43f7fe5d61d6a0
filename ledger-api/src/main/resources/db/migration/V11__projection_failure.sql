-- The event on which each event processor is stopped, if any (docs/operations.md, "A poison event").
-- Written by the instance whose processor failed, in a transaction of its own (the processor's is
-- rolled back), and read by every instance: readiness, metrics and GET /api/admin/projections say
-- the same thing whichever instance answers. A row whose event the processor has since passed is
-- history, not a failure; a replay removes the rows of the processors it resets.
create table projection_failure (
    processor_name       varchar(255) primary key,
    global_index         bigint,
    aggregate_identifier varchar(255),
    sequence_number      bigint,
    payload_type         varchar(255),
    error                text         not null,
    first_failed_at      timestamp with time zone not null,
    last_failed_at       timestamp with time zone not null,
    attempts             integer      not null
);
