"""Importing a commune's household list from Excel: read, understand, preview, commit."""
