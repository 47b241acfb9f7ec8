"""Training evaluation: courses and sessions, Form A straight after and Form B weeks
later, linked only by a code the practitioner holds, and results that show impact."""
