"""Government oversight (DESIGN §3.5): pairing, key projects, visits, tickets, measures."""

from fugong.oversight.models.pairing import (
    KeyProject,
    Pairing,
    ProjectPairing,
    ProjectStatus,
)
from fugong.oversight.models.tickets import (
    OPEN_STATES,
    Escalation,
    EscalationLevel,
    SlaClass,
    Ticket,
    TicketCategory,
    TicketState,
    TicketTransition,
)
from fugong.oversight.models.visits import Measure, MeasureState, Visit, VisitMode

__all__ = [
    "OPEN_STATES",
    "Escalation",
    "EscalationLevel",
    "KeyProject",
    "Measure",
    "MeasureState",
    "Pairing",
    "ProjectPairing",
    "ProjectStatus",
    "SlaClass",
    "Ticket",
    "TicketCategory",
    "TicketState",
    "TicketTransition",
    "Visit",
    "VisitMode",
]
