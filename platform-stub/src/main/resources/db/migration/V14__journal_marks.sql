-- How far the database holds each journal (decision 0017, "journal marks"), written in the
-- database itself at a start, while serving and at a clean stop. A start reads it before it
-- writes anything: what H2 shows at open is what its file holds, while a checkpoint H2 acknowledged
-- was once undone by a later kill (crash run, seed 46). journal_id names the journal folder's
-- identity, so marks of journals a restore moved aside never apply to new ones. Only a platform on
-- its own H2 file has journals; on PostgreSQL the table stays empty.
CREATE TABLE journal_marks (
    journal_folder VARCHAR(40)  NOT NULL PRIMARY KEY,
    journal_id     VARCHAR(36)  NOT NULL,
    held_through   BIGINT       NOT NULL,
    recorded_at    TIMESTAMP WITH TIME ZONE NOT NULL
);
