-- Signing keys, receipts and the append-only receipt log (RFC 6962/9162 Merkle tree over the
-- receipts' JWT bytes, in log_index order).

-- Private keys live here so every platform instance on one database signs with the same keys.
CREATE TABLE signing_keys (
    kid          VARCHAR(64)   NOT NULL PRIMARY KEY,
    alg          VARCHAR(16)   NOT NULL,
    purpose      VARCHAR(16)   NOT NULL,
    private_jwk  VARCHAR(4000) NOT NULL,
    public_jwk   VARCHAR(2000) NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    retired_at   TIMESTAMP WITH TIME ZONE,
    -- A retired key stays in the JWKS until every receipt it signed has expired.
    verify_until TIMESTAMP WITH TIME ZONE,
    CONSTRAINT signing_keys_purpose CHECK (purpose IN ('receipts', 'sandbox'))
);

-- One row per purpose naming its active key; locking the row serialises rotation.
CREATE TABLE active_signing_keys (
    purpose VARCHAR(16) NOT NULL PRIMARY KEY,
    kid     VARCHAR(64) REFERENCES signing_keys (kid)
);
INSERT INTO active_signing_keys (purpose, kid) VALUES ('receipts', NULL);
INSERT INTO active_signing_keys (purpose, kid) VALUES ('sandbox', NULL);

-- The log's size; locking this row gives each new receipt the next index, one at a time.
CREATE TABLE receipt_log_head (
    id        INT    NOT NULL PRIMARY KEY,
    tree_size BIGINT NOT NULL,
    CONSTRAINT receipt_log_head_single CHECK (id = 1)
);
INSERT INTO receipt_log_head (id, tree_size) VALUES (1, 0);

CREATE TABLE receipts (
    receipt_id    VARCHAR(64)    NOT NULL PRIMARY KEY,
    log_index     BIGINT         NOT NULL UNIQUE,
    leaf_hash     CHAR(64)       NOT NULL,
    creator_id    VARCHAR(64)    NOT NULL,
    dataset_id    VARCHAR(64)    NOT NULL,
    model_id      VARCHAR(128)   NOT NULL,
    artifact_hash VARCHAR(80)    NOT NULL,
    portion_used  NUMERIC(38, 18) NOT NULL,
    license       VARCHAR(64)    NOT NULL,
    kid           VARCHAR(64)    NOT NULL REFERENCES signing_keys (kid),
    alg           VARCHAR(16)    NOT NULL,
    receipt_jwt   VARCHAR(12000) NOT NULL,
    sandbox       BOOLEAN        NOT NULL,
    issued_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at    TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX receipts_by_creator ON receipts (creator_id, log_index);
CREATE INDEX receipts_by_model ON receipts (model_id, log_index);

-- Idempotency-Key records: the same key and body get the first result again; the response is
-- rebuilt from the stored result, so only its id is kept.
CREATE TABLE idempotency_records (
    scope          VARCHAR(64)  NOT NULL,
    idem_key       VARCHAR(255) NOT NULL,
    request_sha256 CHAR(64)     NOT NULL,
    result_id      VARCHAR(64)  NOT NULL,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (scope, idem_key)
);
