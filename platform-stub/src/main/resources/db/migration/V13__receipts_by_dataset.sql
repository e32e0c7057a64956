-- Receipts counted per asset (the assets list and an asset's page, ReceiptStore.countsByDataset)
-- scanned every receipt of every creator: ≈ 170 ms an asset at 5,400 receipts on H2, growing
-- with the whole table (issue #15). With this index a count reads the asset's own entries.
CREATE INDEX receipts_by_dataset ON receipts (dataset_id);
