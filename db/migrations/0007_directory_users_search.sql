-- The directory Users tab searches names, email and username with LIKE '%…%' (lib/directory-sync/dashboard.ts
-- userSearchText): a trigram index on the same expression keeps a rare term fast in a 100,000-user directory.
CREATE INDEX IF NOT EXISTS directory_users_search_trgm ON directory_users USING gin (
  (lower(coalesce(first_name, '') || ' ' || coalesce(last_name, '') || ' ' || coalesce(email, '') || ' ' || coalesce(username, ''))) gin_trgm_ops
);
