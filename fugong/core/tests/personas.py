"""The personas of the root conftest's ``world``, one per human role, by attribute name.

Written out here (never derived from ``Role``) so that the permission tests state their
expectations independently of the code under test.
"""

PERSONAS = (
    "city",
    "county",
    "department",
    "liaison",
    "group",
    "manager",
    "health",
    "safety",
    "checkpoint",
    "worker",
)
