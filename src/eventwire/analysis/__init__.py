"""Analysis: timelines, dyad series, networks and briefings over the stored record."""
