"""Web: the REST API and dashboard over the store (planned; see DESIGN.md)."""
