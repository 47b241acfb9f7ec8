"""The yearly report's section on feedback from children and families: how it was
sought, what was said, what changed, where there was little progress, and the Section
11 and training summaries; as a page, and as Word to drop into the report."""
