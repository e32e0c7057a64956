-- A host may report usage only for the models it serves (SPEC §1). '*' — given to the sandbox's
-- own host only — serves every model recorded in that sandbox.
CREATE TABLE host_models (
    host_id  VARCHAR(64)  NOT NULL REFERENCES hosts (host_id),
    model_id VARCHAR(128) NOT NULL,
    PRIMARY KEY (host_id, model_id)
);
-- Hosts made before models were recorded keep working until the operator narrows them.
INSERT INTO host_models (host_id, model_id) SELECT host_id, '*' FROM hosts;
