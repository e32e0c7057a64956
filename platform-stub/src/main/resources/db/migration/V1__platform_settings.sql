-- Key/value settings that belong to this platform's data, not to one process:
-- when the schema was created, and (later) sandbox bootstrap markers.
-- Plain SQL that H2 (PostgreSQL mode) and PostgreSQL both accept; no reserved words as names.
CREATE TABLE platform_settings (
    setting_name  VARCHAR(100)  NOT NULL PRIMARY KEY,
    setting_value VARCHAR(1000) NOT NULL,
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL
);

INSERT INTO platform_settings (setting_name, setting_value, updated_at)
VALUES ('schema_created_at', CAST(CURRENT_TIMESTAMP AS VARCHAR(100)), CURRENT_TIMESTAMP);
