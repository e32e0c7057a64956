-- Trust you can check (SPEC §2a): every key says which environment it belongs to and when its
-- signatures stop counting; a separate key signs only checkpoints; every checkpoint the platform
-- signs is kept, with the witness cosignatures it received.

-- NULL until the platform fills it at its next start with the mode the key was made in
-- (keys made before this migration): a key never changes environment afterwards.
ALTER TABLE signing_keys ADD COLUMN environment VARCHAR(16);
-- The end of the key's trust window: the rotation instant, or the moment a compromise began.
ALTER TABLE signing_keys ADD COLUMN valid_until TIMESTAMP WITH TIME ZONE;
UPDATE signing_keys SET valid_until = retired_at WHERE retired_at IS NOT NULL;
UPDATE signing_keys SET environment = 'sandbox' WHERE purpose = 'sandbox';

ALTER TABLE signing_keys DROP CONSTRAINT signing_keys_purpose;
ALTER TABLE signing_keys ADD CONSTRAINT signing_keys_purpose CHECK (purpose IN ('receipts', 'sandbox', 'checkpoints'));
INSERT INTO active_signing_keys (purpose, kid) VALUES ('checkpoints', NULL);

-- Every checkpoint the platform signed; the newest one's size only grows.
CREATE TABLE log_checkpoints (
    tree_size BIGINT       NOT NULL PRIMARY KEY,
    root_hash CHAR(64)     NOT NULL,
    kid       VARCHAR(64)  NOT NULL REFERENCES signing_keys (kid),
    signed_at TIMESTAMP WITH TIME ZONE NOT NULL,
    note      VARCHAR(2000) NOT NULL
);

-- Witnesses the platform accepts cosignatures from (C2SP tlog-cosignature vkeys).
CREATE TABLE log_witnesses (
    witness_name VARCHAR(200) NOT NULL,
    key_id       CHAR(8)      NOT NULL,
    vkey         VARCHAR(400) NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (witness_name, key_id)
);

CREATE TABLE log_cosignatures (
    tree_size      BIGINT        NOT NULL REFERENCES log_checkpoints (tree_size),
    witness_name   VARCHAR(200)  NOT NULL,
    key_id         CHAR(8)       NOT NULL,
    signature_line VARCHAR(400)  NOT NULL,
    received_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (tree_size, witness_name, key_id)
);
