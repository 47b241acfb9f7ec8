"""Word documents and spreadsheets, the office files partnerships use."""
