"""Each role's desk on the home page: what waits for the user today, as numbers that open the
filtered lists, and a small chart where a trend helps."""
