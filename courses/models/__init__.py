from .cohorts import Cohort, CohortSession, CohortStatus, Delivery
from .pages import CourseIndexPage, CoursePage, CourseTrainer, PriceTier
from .trainers import Trainer

__all__ = [
    "Cohort",
    "CohortSession",
    "CohortStatus",
    "CourseIndexPage",
    "CoursePage",
    "CourseTrainer",
    "Delivery",
    "PriceTier",
    "Trainer",
]
