-- Content belongs to the creator whose upload first proves it (SPEC §1): a declared hash (or size)
-- reserves nothing, so neither is unique nor required any more; the proven hash is unique.
ALTER TABLE assets DROP CONSTRAINT assets_sha256_unique;
ALTER TABLE assets ALTER COLUMN sha256 DROP NOT NULL;
ALTER TABLE assets ALTER COLUMN size_bytes DROP NOT NULL;
ALTER TABLE assets ADD COLUMN proven_sha256 CHAR(64);
UPDATE assets SET proven_sha256 = sha256 WHERE upload_status = 'verified';
ALTER TABLE assets ADD CONSTRAINT assets_proven_sha256_unique UNIQUE (proven_sha256);
