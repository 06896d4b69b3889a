"""Staff set a course's completion rule in the admin; certificates are listed read only."""

from certificates.models import CompletionRule
from tests.factories import StaffUserFactory, TOTPAuthenticatorFactory


def admin_client(client):
    user = StaffUserFactory(is_superuser=True)
    TOTPAuthenticatorFactory(user=user)
    client.force_login(user)
    return client


def test_staff_set_a_completion_rule(client, course, quizzes):
    admin_client(client)
    response = client.post(
        "/admin/snippets/certificates/completionrule/add/",
        {
            "course": course.pk,
            "attendance_percent": 75,
            "mandatory_sessions": "on",
            "quizzes": [quizzes[1].pk],
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    rule = CompletionRule.objects.get()
    assert (rule.attendance_percent, list(rule.quizzes.all())) == (75, [quizzes[1]])
    assert client.get("/admin/snippets/certificates/certificate/").status_code == 200
