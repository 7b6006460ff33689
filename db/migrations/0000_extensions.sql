-- Trigram search over people (name, code, emails).
CREATE EXTENSION IF NOT EXISTS pg_trgm;
