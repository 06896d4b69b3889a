from .cohorts import Cohort, CohortSession, CohortStatus, Delivery
from .pages import CoreSkillsTier, CourseIndexPage, CoursePage, CourseTrainer, PriceTier
from .trainers import Trainer

__all__ = [
    "Cohort",
    "CohortSession",
    "CohortStatus",
    "CoreSkillsTier",
    "CourseIndexPage",
    "CoursePage",
    "CourseTrainer",
    "Delivery",
    "PriceTier",
    "Trainer",
]
