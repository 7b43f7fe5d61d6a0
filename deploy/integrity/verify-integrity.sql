-- Verification of the ledger's event chain, for an auditor with read access only.
--
--   psql -X -v ON_ERROR_STOP=1 -h <host> -U <reader> -d <database> -f deploy/integrity/verify-integrity.sql
--
-- Exits 0 and ends with "INTACT" when every event still gives its recorded SHA-256 and chains to
-- the one before it, every stream reaches its recorded head and the latest global anchor matches.
-- Otherwise prints every break and exits non-zero (3). Writes nothing: it runs in a read-only
-- transaction and needs only SELECT on domain_event_entry, event_stream_head and
-- integrity_checkpoint (see docs/security.md, "Verifying the record"). The tables are looked for in
-- the schema `public`; give another with -v schema=<name>.
--
-- It calls the same database functions the ledger uses (Flyway V10), so that the hash is computed in
-- one place. Because whoever owns the tables could also replace those functions with ones that say
-- "intact", the script first checks that their source is exactly the one the migration created
-- (MD5 of each function's body, pinned below; a migration that changes them must update the pins,
-- which the ledger's tests check). Keep the printed anchor, and give it back to a later run with
-- -v anchor_index=<global index> -v anchor=<hex>: see "Anchors" in docs/security.md.

\set ON_ERROR_STOP 1
\pset footer off
\if :{?schema}
\else
\set schema public
\endif
begin transaction isolation level repeatable read read only;
-- Only the ledger's schema: nothing of the same name elsewhere can stand in for its tables or functions.
set local search_path = :'schema';

\echo '1. The verification functions are those of the migration'
select v.name as function, coalesce(pg_catalog.md5(p.prosrc) = v.pinned, false) as unchanged
  from (values ('ledger_event_hash', '2c94573fb4d4ec5fe5445093744bc5f5'),
               ('ledger_integrity_anchor', '208cb036a0d5f9dadc735e64f2ee4fd1'),
               ('ledger_integrity_breaks', 'c67cefdc63d328502c438352a41cf9c7')) v(name, pinned)
  left join pg_catalog.pg_proc p on p.proname = v.name
       and p.pronamespace = (select n.oid from pg_catalog.pg_namespace n where n.nspname = :'schema')
 order by v.name;
select coalesce(pg_catalog.bool_and(coalesce(pg_catalog.md5(p.prosrc) = v.pinned, false)), false)
       and pg_catalog.count(p.oid) = 3 as functions_unchanged
  from (values ('ledger_event_hash', '2c94573fb4d4ec5fe5445093744bc5f5'),
               ('ledger_integrity_anchor', '208cb036a0d5f9dadc735e64f2ee4fd1'),
               ('ledger_integrity_breaks', 'c67cefdc63d328502c438352a41cf9c7')) v(name, pinned)
  left join pg_catalog.pg_proc p on p.proname = v.name
       and p.pronamespace = (select n.oid from pg_catalog.pg_namespace n where n.nspname = :'schema') \gset
\if :functions_unchanged
\else
\echo 'VERIFICATION FUNCTIONS CHANGED: they are not those of the migration, so the database cannot vouch for itself.'
select 'VERIFICATION FUNCTIONS CHANGED'::integer;
\endif

\echo '2. Every event re-hashed, every link and head checked: the breaks'
select convention_id, sequence_number, global_index, reason
  from ledger_integrity_breaks()
 order by convention_id nulls first, sequence_number, reason;
select pg_catalog.count(*) as breaks, pg_catalog.count(*) > 0 as broken from ledger_integrity_breaks() \gset
select pg_catalog.count(*) as events from domain_event_entry \gset

\echo '3. The anchor of the store as it stands (keep it: a later verification must give it again for this global index)'
select m.bound as global_index, a.streams, a.events, pg_catalog.encode(a.anchor, 'hex') as anchor
  from (select coalesce(pg_catalog.max(e.global_index), 0) as bound from domain_event_entry e) m
 cross join lateral ledger_integrity_anchor(m.bound) a;
\echo 'The latest checkpoint recorded by the ledger (compare it with the copy in the ledger''s log):'
select c.recorded_at, c.global_index, c.streams, c.events, pg_catalog.encode(c.anchor, 'hex') as anchor
  from integrity_checkpoint c order by c.id desc limit 1;

-- An anchor kept from an earlier run or from the ledger's log: -v anchor_index=<global index> -v anchor=<hex>.
\if :{?anchor}
\echo '4. The anchor you kept for global index' :anchor_index
select pg_catalog.encode(a.anchor, 'hex') = :'anchor' as anchor_matches
  from ledger_integrity_anchor(:'anchor_index'::bigint) a \gset
\if :anchor_matches
\echo 'It matches: nothing at or below that global index was changed since.'
\else
\echo 'IT DOES NOT MATCH: the events at or below that global index are not those you anchored.'
\set broken true
\endif
\endif

commit;

\if :broken
\echo 'INTEGRITY BROKEN:' :breaks 'breaks in' :events 'events'
select ('INTEGRITY BROKEN: ' || :breaks || ' breaks, or the kept anchor does not match')::integer;
\else
\echo 'INTACT:' :events 'events verified'
\endif
