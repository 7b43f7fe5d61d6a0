-- Tamper evidence for the event store (docs/adr/0003-tamper-evident-event-chain.md).
--
-- Every event carries the SHA-256 of a canonical encoding of its stored columns and of the hash of
-- the previous event of the same convention (its stream): changing a byte, deleting, inserting or
-- reordering an event breaks the chain. The hash is computed in ONE place, ledger_event_hash below,
-- which the trigger calls at append time and ledger_integrity_breaks calls to verify: the service,
-- the migration and the auditor's script (deploy/integrity/verify-integrity.sql) all use it.
-- event_stream_head keeps, in the same transaction, the last event of each stream, so that deleting
-- the last events of a stream is seen; integrity_checkpoint keeps global anchors recorded by the
-- service, so that deleting a whole stream (with its head) is seen too.

-- Chaining an existing store hashes every event once: no statement timeout for this migration.
set local statement_timeout = 0;

alter table domain_event_entry
    add column previous_hash bytea,
    add column event_hash    bytea;

-- The canonical encoding: a version tag, then each column in a fixed order, each variable-length
-- value preceded by its byte length (4 bytes, big-endian; -1 for null) and each number in 8 bytes,
-- so that no two different rows can encode to the same bytes. Text is hashed as its UTF-8 bytes.
-- pg_catalog is named explicitly: a function of the same name in another schema cannot stand in.
-- Never change this function: a new encoding needs a new version tag and a new function.
create function ledger_event_hash(previous_hash bytea, global_index bigint, aggregate_identifier text,
                                  sequence_number bigint, type text, event_identifier text,
                                  time_stamp text, payload_type text, payload_revision text,
                                  payload bytea, meta_data bytea)
    returns bytea
    language sql
    immutable
    parallel safe
as $$
select pg_catalog.sha256(
       pg_catalog.convert_to('fdc-ledger event chain v1', 'UTF8')
    || coalesce(pg_catalog.int4send(pg_catalog.length(previous_hash)) || previous_hash, '\xffffffff'::bytea)
    || pg_catalog.int8send(global_index)
    || coalesce(pg_catalog.int4send(pg_catalog.length(pg_catalog.convert_to(aggregate_identifier, 'UTF8')))
                || pg_catalog.convert_to(aggregate_identifier, 'UTF8'), '\xffffffff'::bytea)
    || pg_catalog.int8send(sequence_number)
    || coalesce(pg_catalog.int4send(pg_catalog.length(pg_catalog.convert_to(type, 'UTF8')))
                || pg_catalog.convert_to(type, 'UTF8'), '\xffffffff'::bytea)
    || coalesce(pg_catalog.int4send(pg_catalog.length(pg_catalog.convert_to(event_identifier, 'UTF8')))
                || pg_catalog.convert_to(event_identifier, 'UTF8'), '\xffffffff'::bytea)
    || coalesce(pg_catalog.int4send(pg_catalog.length(pg_catalog.convert_to(time_stamp, 'UTF8')))
                || pg_catalog.convert_to(time_stamp, 'UTF8'), '\xffffffff'::bytea)
    || coalesce(pg_catalog.int4send(pg_catalog.length(pg_catalog.convert_to(payload_type, 'UTF8')))
                || pg_catalog.convert_to(payload_type, 'UTF8'), '\xffffffff'::bytea)
    || coalesce(pg_catalog.int4send(pg_catalog.length(pg_catalog.convert_to(payload_revision, 'UTF8')))
                || pg_catalog.convert_to(payload_revision, 'UTF8'), '\xffffffff'::bytea)
    || coalesce(pg_catalog.int4send(pg_catalog.length(payload)) || payload, '\xffffffff'::bytea)
    || coalesce(pg_catalog.int4send(pg_catalog.length(meta_data)) || meta_data, '\xffffffff'::bytea))
$$;

-- The last event of each stream, kept by the trigger in the appending transaction.
create table event_stream_head (
    aggregate_identifier varchar(255) primary key,
    sequence_number      bigint not null,
    global_index         bigint not null,
    event_hash           bytea  not null
);

-- Global anchors recorded by the service's scheduled verification when the store was intact: a
-- digest of every stream's last event up to global_index. Each is also written to the log, so that
-- a copy lives outside the database.
create table integrity_checkpoint (
    id           bigint generated always as identity primary key,
    recorded_at  timestamp with time zone not null,
    global_index bigint not null,
    streams      bigint not null,
    events       bigint not null,
    anchor       bytea  not null
);

-- The anchor of the store as it stood up to a global index: the number of streams and events with a
-- global index at or below it, and the SHA-256 of each stream's last such event (identifier,
-- sequence number, hash), in identifier order.
create function ledger_integrity_anchor(bound bigint)
    returns table (streams bigint, events bigint, anchor bytea)
    language sql
    stable
as $$
select pg_catalog.count(*)::bigint,
       coalesce(pg_catalog.sum(l.events), 0)::bigint,
       pg_catalog.sha256(coalesce(pg_catalog.string_agg(
               pg_catalog.int4send(pg_catalog.length(pg_catalog.convert_to(l.aggregate_identifier, 'UTF8')))
            || pg_catalog.convert_to(l.aggregate_identifier, 'UTF8')
            || pg_catalog.int8send(l.sequence_number)
            || coalesce(l.event_hash, '\x'::bytea), '\x'::bytea order by l.aggregate_identifier), '\x'::bytea))
from (select distinct on (e.aggregate_identifier)
             e.aggregate_identifier, e.sequence_number, e.event_hash,
             pg_catalog.count(*) over (partition by e.aggregate_identifier) as events
        from domain_event_entry e
       where e.global_index <= bound
       order by e.aggregate_identifier, e.sequence_number desc) l
$$;

-- Every break of the record, one row each. Reasons:
--   HASH_MISSING         the event has no recorded hash (written around the trigger)
--   CONTENT_ALTERED      a column of the event no longer gives its recorded hash (a changed byte,
--                        a changed sequence number or global index, a forged hash)
--   CHAIN_BROKEN         the event does not chain to the hash of the event before it in its stream
--   EVENT_MISSING        a sequence number of the stream is absent (global_index null)
--   ORDER_BROKEN         the event's global index is below that of the event before it
--   LAST_EVENTS_MISSING  the stream ends before its recorded head (its last events, or all of them, deleted)
--   EVENT_AFTER_HEAD     the stream goes beyond its recorded head, or has no head (written around the trigger)
--   HEAD_MISMATCH        the stream's last event is not the one its head recorded
--   CHECKPOINT_MISMATCH  the latest global anchor no longer matches the events up to its global index
create function ledger_integrity_breaks()
    returns table (convention_id text, sequence_number bigint, global_index bigint, reason text)
    language sql
    stable
as $$
with events as (
    select e.aggregate_identifier, e.sequence_number, e.global_index, e.previous_hash, e.event_hash,
           ledger_event_hash(e.previous_hash, e.global_index, e.aggregate_identifier, e.sequence_number, e.type,
                             e.event_identifier, e.time_stamp, e.payload_type, e.payload_revision, e.payload,
                             e.meta_data) as recomputed,
           pg_catalog.lag(e.sequence_number) over w as prior_sequence,
           pg_catalog.lag(e.global_index) over w as prior_global_index,
           pg_catalog.lag(e.event_hash) over w as prior_hash
      from domain_event_entry e
    window w as (partition by e.aggregate_identifier order by e.sequence_number)
),
last_events as (
    select distinct on (ev.aggregate_identifier) ev.aggregate_identifier, ev.sequence_number, ev.global_index,
           ev.event_hash
      from events ev
     order by ev.aggregate_identifier, ev.sequence_number desc
),
latest_checkpoint as (
    select c.global_index, c.streams, c.events, c.anchor
      from integrity_checkpoint c
     order by c.id desc
     limit 1
)
select ev.aggregate_identifier::text, ev.sequence_number, ev.global_index, 'HASH_MISSING'
  from events ev where ev.event_hash is null
union all
select ev.aggregate_identifier, ev.sequence_number, ev.global_index, 'CONTENT_ALTERED'
  from events ev where ev.event_hash is distinct from ev.recomputed and ev.event_hash is not null
union all
select ev.aggregate_identifier, ev.sequence_number, ev.global_index, 'CHAIN_BROKEN'
  from events ev
 where (ev.prior_sequence = ev.sequence_number - 1 and ev.previous_hash is distinct from ev.prior_hash)
    or (ev.sequence_number = 0 and ev.previous_hash is not null)
union all
select ev.aggregate_identifier, missing, null::bigint, 'EVENT_MISSING'
  from events ev, pg_catalog.generate_series(coalesce(ev.prior_sequence, -1) + 1, ev.sequence_number - 1) missing
union all
select ev.aggregate_identifier, ev.sequence_number, ev.global_index, 'ORDER_BROKEN'
  from events ev where ev.prior_global_index > ev.global_index
union all
select h.aggregate_identifier, h.sequence_number, h.global_index, 'LAST_EVENTS_MISSING'
  from event_stream_head h left join last_events l on l.aggregate_identifier = h.aggregate_identifier
 where l.sequence_number is null or l.sequence_number < h.sequence_number
union all
select l.aggregate_identifier, l.sequence_number, l.global_index, 'EVENT_AFTER_HEAD'
  from last_events l left join event_stream_head h on h.aggregate_identifier = l.aggregate_identifier
 where h.sequence_number is null or l.sequence_number > h.sequence_number
union all
select l.aggregate_identifier, l.sequence_number, l.global_index, 'HEAD_MISMATCH'
  from last_events l join event_stream_head h on h.aggregate_identifier = l.aggregate_identifier
 where l.sequence_number = h.sequence_number
   and (l.global_index <> h.global_index or l.event_hash is distinct from h.event_hash)
union all
select null, null, c.global_index, 'CHECKPOINT_MISMATCH'
  from latest_checkpoint c cross join lateral ledger_integrity_anchor(c.global_index) a
 where a.streams <> c.streams or a.events <> c.events or a.anchor <> c.anchor
$$;

-- Existing databases: the chain of the events already stored, computed once, stream by stream in
-- sequence order, exactly as the trigger below would have computed it at append time.
do $$
declare
    e        record;
    stream   varchar(255);
    last_seq bigint;
    previous bytea;
    hash     bytea;
begin
    for e in select * from domain_event_entry order by aggregate_identifier, sequence_number loop
        if stream is distinct from e.aggregate_identifier or last_seq <> e.sequence_number - 1 then
            previous := null;
        end if;
        hash := ledger_event_hash(previous, e.global_index, e.aggregate_identifier, e.sequence_number, e.type,
                                  e.event_identifier, e.time_stamp, e.payload_type, e.payload_revision, e.payload,
                                  e.meta_data);
        update domain_event_entry set previous_hash = previous, event_hash = hash
         where global_index = e.global_index;
        stream := e.aggregate_identifier;
        last_seq := e.sequence_number;
        previous := hash;
    end loop;
end $$;

insert into event_stream_head (aggregate_identifier, sequence_number, global_index, event_hash)
select distinct on (aggregate_identifier) aggregate_identifier, sequence_number, global_index, event_hash
  from domain_event_entry
 order by aggregate_identifier, sequence_number desc;

alter table domain_event_entry alter column event_hash set not null;

-- At append: the previous event of the stream is the one with the sequence number just below (in
-- this transaction or committed: Axon appends a convention's events in order, under the unique key
-- on (aggregate_identifier, sequence_number)). Only rows of the same convention are read and
-- locked, so writers on different conventions never wait for each other.
create function ledger_chain_event() returns trigger
    language plpgsql
as $$
declare
    previous bytea;
begin
    select e.event_hash into previous
      from domain_event_entry e
     where e.aggregate_identifier = new.aggregate_identifier
       and e.sequence_number = new.sequence_number - 1;
    new.previous_hash := previous;
    new.event_hash := ledger_event_hash(previous, new.global_index, new.aggregate_identifier, new.sequence_number,
                                        new.type, new.event_identifier, new.time_stamp, new.payload_type,
                                        new.payload_revision, new.payload, new.meta_data);
    insert into event_stream_head as h (aggregate_identifier, sequence_number, global_index, event_hash)
    values (new.aggregate_identifier, new.sequence_number, new.global_index, new.event_hash)
    on conflict (aggregate_identifier) do update
        set sequence_number = excluded.sequence_number,
            global_index    = excluded.global_index,
            event_hash      = excluded.event_hash
        where h.sequence_number < excluded.sequence_number;
    return new;
end $$;

create trigger domain_event_entry_chain
    before insert on domain_event_entry
    for each row execute function ledger_chain_event();

-- The record is append-only: nothing in the ledger updates or deletes an event, a stream head or
-- a checkpoint, so the database refuses it. This stops mistakes; it does not stop the owner of the
-- tables, who can disable a trigger: the chain is what shows that.
create function ledger_refuse_change() returns trigger
    language plpgsql
as $$
begin
    raise exception '% on % refused: the ledger''s record is append-only (docs/adr/0003-tamper-evident-event-chain.md)',
        tg_op, tg_table_name using errcode = 'insufficient_privilege';
end $$;

create trigger domain_event_entry_append_only
    before update or delete on domain_event_entry
    for each row execute function ledger_refuse_change();
create trigger domain_event_entry_no_truncate
    before truncate on domain_event_entry
    for each statement execute function ledger_refuse_change();
create trigger event_stream_head_no_delete
    before delete on event_stream_head
    for each row execute function ledger_refuse_change();
create trigger event_stream_head_no_truncate
    before truncate on event_stream_head
    for each statement execute function ledger_refuse_change();
create trigger integrity_checkpoint_append_only
    before update or delete on integrity_checkpoint
    for each row execute function ledger_refuse_change();
create trigger integrity_checkpoint_no_truncate
    before truncate on integrity_checkpoint
    for each statement execute function ledger_refuse_change();
