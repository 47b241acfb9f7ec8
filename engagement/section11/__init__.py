"""Section 11 and 175 audits, as an area of the product (issue: one package per area).

Its services still live in ``engagement/services/audit_*.py`` and move here step by step;
new Section 11 code goes here.
"""
