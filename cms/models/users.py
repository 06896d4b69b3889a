"""The user: email is the login; the profile is what certificates and employers need."""

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email, password=None, **extra):
        extra.update(is_staff=True, is_superuser=True)
        return self._create_user(email, password, **extra)


class Profession(models.TextChoices):
    NURSE = "nurse", "Nurse"
    MIDWIFE = "midwife", "Midwife"
    DOCTOR = "doctor", "Doctor"
    AHP = "ahp", "Allied health professional (for example physiotherapist, dietitian, OT)"
    PHARMACIST = "pharmacist", "Pharmacist"
    HEALTHCARE_ASSISTANT = "hca", "Healthcare assistant or support worker"
    SOCIAL_WORKER = "social_worker", "Social worker"
    MANAGER = "manager", "Manager or administrator"
    STUDENT = "student", "Student"
    OTHER = "other", "Other"


class RegistrationBody(models.TextChoices):
    NONE = "", "None"
    NMC = "NMC", "Nursing and Midwifery Council (NMC)"
    GMC = "GMC", "General Medical Council (GMC)"
    HCPC = "HCPC", "Health and Care Professions Council (HCPC)"
    GPHC = "GPhC", "General Pharmaceutical Council (GPhC)"
    SWE = "SWE", "Social Work England"
    OTHER = "other", "Other"


class User(AbstractUser):
    username = None
    first_name = models.CharField("first name", max_length=150, blank=True)
    last_name = models.CharField("last name", max_length=150, blank=True)
    email = models.EmailField("email address", unique=True)
    certificate_name = models.CharField(
        "name on certificates",
        max_length=200,
        blank=True,
        help_text="Your name exactly as it should appear on your certificates.",
    )
    profession = models.CharField(max_length=30, choices=Profession.choices, blank=True)
    organisation = models.CharField("organisation", max_length=200, blank=True)
    job_title = models.CharField(max_length=200, blank=True)
    registration_body = models.CharField(
        "professional registration body",
        max_length=10,
        choices=RegistrationBody.choices,
        blank=True,
    )
    registration_number = models.CharField("registration number", max_length=50, blank=True)
    staff_number = models.CharField(
        "employer staff number",
        max_length=50,
        blank=True,
        help_text="Optional. Lets your employer match the course to your training record.",
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = UserManager()

    class Meta:
        ordering = ["email"]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self):
        return self.certificate_name or self.get_full_name() or self.email

    def save(self, *args, **kwargs):
        self.email = (self.email or "").strip().lower()
        super().save(*args, **kwargs)
