"""A trainer's public profile in their own data export. Erasing the account only unlinks
it (the foreign key is SET_NULL): the biography is published on the course pages, which
staff edit like any other content."""

from courses.models import Trainer


def export_trainer_profile(sender, user, data, **kwargs):
    trainer = Trainer.objects.filter(user=user).first()
    data["trainer_profile"] = trainer and {
        "name": trainer.name,
        "role": trainer.role,
        "bio": trainer.bio,
    }
