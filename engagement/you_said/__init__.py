"""Closing the loop: "we did" actions on what young people said, and each consultation's
public "you said, we did" page."""
