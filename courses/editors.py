"""Trainers edit the module pages of the courses they teach, and no others.

Each course has a group, "Course editors: <slug>", holding Wagtail page permissions (add,
change, publish) on the course's page subtree; its members are the accounts of the trainers
on any of the course's cohorts, kept in step whenever a cohort's trainers, a trainer's login
or a cohort's course change (see `connect`). The course page itself — prices, policies, the
public description — stays with cohort managers: `courses.wagtail_hooks` refuses trainers
there, so the page permissions reach only the modules beneath it.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db.models.signals import m2m_changed, post_save
from wagtail.models import GroupPagePermission

PAGE_PERMISSIONS = ("add_page", "change_page", "publish_page")
PREFIX = "Course editors: "


def group_name(course):
    return f"{PREFIX}{course.slug}"[:150]


def sync_course_editors(course):
    group, _ = Group.objects.get_or_create(name=group_name(course))
    # Missing only where the permissions table has been emptied (a flushed test database):
    # the group is still kept in step, and post_migrate puts the permission back.
    access = Permission.objects.filter(
        content_type__app_label="wagtailadmin", codename="access_admin"
    ).first()
    if access:
        group.permissions.add(access)
    for permission in Permission.objects.filter(
        content_type__app_label="wagtailcore", codename__in=PAGE_PERMISSIONS
    ):
        GroupPagePermission.objects.get_or_create(group=group, page=course, permission=permission)
    users = get_user_model().objects.filter(trainer_profile__cohorts__course=course).distinct()
    group.user_set.set(users)
    return group


def courses_of(trainer):
    from courses.models import CoursePage

    return CoursePage.objects.filter(cohorts__trainers=trainer).distinct()


def trainers_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if not action.startswith("post_"):
        return
    if reverse:  # trainer.cohorts.add(...): the instance is a Trainer
        for course in courses_of(instance):
            sync_course_editors(course)
        from courses.models import CoursePage

        for course in CoursePage.objects.filter(cohorts__pk__in=pk_set or []).distinct():
            sync_course_editors(course)
    else:
        sync_course_editors(instance.course)


def trainer_saved(sender, instance, **kwargs):
    """A trainer's login changed: the old account leaves, the new one joins."""
    for course in courses_of(instance):
        sync_course_editors(course)


def cohort_saved(sender, instance, **kwargs):
    sync_course_editors(instance.course)


def connect():
    from courses.models import Cohort, Trainer

    m2m_changed.connect(trainers_changed, sender=Cohort.trainers.through, dispatch_uid="editors")
    post_save.connect(trainer_saved, sender=Trainer, dispatch_uid="editors-trainer")
    post_save.connect(cohort_saved, sender=Cohort, dispatch_uid="editors-cohort")
