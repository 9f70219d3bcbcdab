"""Stage 3 of the coder: was it asserted, by whom (modality, attribution, intentions, forecasts,
quotations)."""
