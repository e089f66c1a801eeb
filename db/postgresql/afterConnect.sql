-- PostgreSQL only, a Flyway callback: every connection Flyway opens from the pool starts here.
-- The pool bounds lock waits to 3 s and statements to 15 s for requests (db/Database.java); a
-- migration may rewrite a big table, so it gets no statement bound and 30 s to wait for the locks
-- that nodes still running the old version hold for a moment at a time. The pool's connections
-- are replaced after the migration, so requests never keep these settings.
SET statement_timeout = 0;
SET lock_timeout = '30s';
