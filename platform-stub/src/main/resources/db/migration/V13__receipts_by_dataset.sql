-- Receipts counted per asset (the assets list, an asset's page: ReceiptStore.countsByDataset) read
-- every receipt of every creator — a cost that grows with the whole table, not with the asset.
-- With this index a count reads the asset's own entries (BENCHMARKS.md, "Asset reads").
CREATE INDEX receipts_by_dataset ON receipts (dataset_id);
