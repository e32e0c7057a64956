-- A new price for an asset from a month on ("Apply from next month", issue #16). Usage is priced
-- at the price in force in its month; months before keep theirs, and so do their statements.
CREATE TABLE asset_price_changes (
    asset_id         VARCHAR(64)   NOT NULL,
    effective_period CHAR(7)       NOT NULL,
    price_model      VARCHAR(2000) NOT NULL,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (asset_id, effective_period)
);
