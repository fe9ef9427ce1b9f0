"""The epidemic models, one module per entity (CONVENTIONS: models/ once past ~400 lines)."""

from fugong.epidemic.models.alert import Alert, AlertKind, WebhookState
from fugong.epidemic.models.case import Case, CaseClassification, CaseTest, TestKind, TestResult
from fugong.epidemic.models.checkin import CheckIn
from fugong.epidemic.models.cluster import Cluster, ClusterMember, ClusterState
from fugong.epidemic.models.common import Colour, Symptom
from fugong.epidemic.models.observation import (
    FollowUp,
    FollowUpSlot,
    Observation,
    ObservationKind,
    ObservationReason,
    ObservationState,
)
from fugong.epidemic.models.policy import Policy, RiskArea, RiskLevel
from fugong.epidemic.models.presence import (
    DormitoryNight,
    Gathering,
    GatheringKind,
    PositioningCard,
    PositioningEvent,
    PositioningEventKind,
    PresenceInterval,
    PresenceSource,
    ShiftRoster,
)
from fugong.epidemic.models.screening import (
    DenyReason,
    IdentifiedBy,
    Screening,
    ScreeningResult,
)
from fugong.epidemic.models.status import (
    Appeal,
    AppealState,
    HealthStatus,
    HealthStatusChange,
)
from fugong.epidemic.models.tracing import Contact, ContactRule
from fugong.epidemic.models.travel import Transport, TravelDeclaration, TravelStop

__all__ = [
    "Alert",
    "AlertKind",
    "Appeal",
    "AppealState",
    "Case",
    "CaseClassification",
    "CaseTest",
    "CheckIn",
    "Cluster",
    "ClusterMember",
    "ClusterState",
    "Colour",
    "Contact",
    "ContactRule",
    "DenyReason",
    "DormitoryNight",
    "FollowUp",
    "FollowUpSlot",
    "Gathering",
    "GatheringKind",
    "HealthStatus",
    "HealthStatusChange",
    "IdentifiedBy",
    "Observation",
    "ObservationKind",
    "ObservationReason",
    "ObservationState",
    "Policy",
    "PositioningCard",
    "PositioningEvent",
    "PositioningEventKind",
    "PresenceInterval",
    "PresenceSource",
    "RiskArea",
    "RiskLevel",
    "Screening",
    "ScreeningResult",
    "ShiftRoster",
    "Symptom",
    "TestKind",
    "TestResult",
    "Transport",
    "TravelDeclaration",
    "TravelStop",
    "WebhookState",
]
