-- ConventionSigned revision 2 says what the convention's period covers ("periodCovers"). Events of
-- revision 1 are read through an upcaster that gives them COMMITMENTS; the read models that copied
-- the event's JSON before that are brought to the same shape here, so that they read as a replay
-- would rebuild them.

update convention_view
set terms = terms || '{"periodCovers": "COMMITMENTS"}'::jsonb
where not terms ? 'periodCovers';

update history_entry
set fields = fields || '{"periodCovers": "COMMITMENTS"}'::jsonb
where type = 'ConventionSigned' and not fields ? 'periodCovers';
