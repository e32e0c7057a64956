-- Payouts that finish (SPEC §1): the payment rail reports paid (with its tx_ref) or failed; payouts
-- to creators whose KYC is not verified wait as 'held' with the reason.
ALTER TABLE payouts DROP CONSTRAINT payouts_status;
ALTER TABLE payouts ADD CONSTRAINT payouts_status CHECK (status IN ('pending', 'held', 'paid', 'failed'));
ALTER TABLE payouts ALTER COLUMN tx_ref SET DATA TYPE VARCHAR(128);
