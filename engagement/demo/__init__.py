"""A demo partnership with a youth voice consultation and plausible answers."""
