"""Section 11 and Section 175 audits: frameworks, cycles, returns, review, the dashboard,
the outputs, and the practitioner survey that triangulates them."""
