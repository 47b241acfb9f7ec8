"""Themes from written answers: analysis runs, results, the codebook, concerns."""
