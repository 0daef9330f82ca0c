import re

import pytest
from django.core import mail
from django.urls import reverse

from equalcity.models import Role, User
from tests.factories import UserFactory
from tests.outbox import deliver_queued


@pytest.mark.django_db
def test_a_wrong_password_is_explained_in_the_page_language(client, regional_coordinator):
    response = client.post(
        "/ti/accounts/login/", {"login": regional_coordinator.email, "password": "wrong"}
    )

    html = response.content.decode()
    assert response.status_code == 200
    summary = re.search(r'<div class="error-summary".*?</div>', html, re.S).group(0)
    assert re.search(r"[\u1200-\u137F]", summary)
    assert "not correct" not in summary


@pytest.mark.django_db
def test_nobody_can_sign_up(client):
    client.post(
        reverse("account_signup"), {"email": "new@example.se", "password1": "a-long-pass-1"}
    )

    assert not User.objects.filter(email="new@example.se").exists()


@pytest.mark.django_db
def test_a_coordinator_invites_a_course_leader_who_then_chooses_a_password(
    client, goteborg_coordinator, integrationscentrum, django_capture_on_commit_callbacks
):
    client.force_login(goteborg_coordinator)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("staff_invite"),
            {
                "email": "Ny.Ledare@Example.se",
                "first_name": "Yonas",
                "last_name": "Tesfay",
                "kind": Role.Kind.COURSE_LEADER,
                "organisation": integrationscentrum.pk,
                "language": "ti",
            },
        )

    assert response.status_code == 302
    invited = User.objects.get(email="ny.ledare@example.se")
    assert not invited.has_usable_password()
    assert list(invited.roles.values_list("kind", "organisation")) == [
        (Role.Kind.COURSE_LEADER, integrationscentrum.pk)
    ]
    deliver_queued()
    (message,) = mail.outbox
    assert message.to == ["ny.ledare@example.se"]
    assert re.search(r"[\u1200-\u137F]", message.body), "written in the language chosen"
    link = re.search(r"https?://\S+/ti/accounts/password/reset/key/\S+", message.body).group(0)

    client.logout()
    page = client.get(link, follow=True)
    form_url = page.redirect_chain[-1][0] if page.redirect_chain else link
    done = client.post(
        form_url, {"password1": "Tesfay-lösen-2031", "password2": "Tesfay-lösen-2031"}
    )
    assert done.status_code == 302
    invited.refresh_from_db()
    assert invited.check_password("Tesfay-lösen-2031")


@pytest.mark.django_db
def test_a_municipal_coordinator_cannot_hand_out_roles_outside_their_municipality(
    client, molndal_coordinator, goteborg, region
):
    client.force_login(molndal_coordinator)

    for kind, organisation in [
        (Role.Kind.COURSE_LEADER, goteborg),
        (Role.Kind.REGIONAL_COORDINATOR, region),
    ]:
        response = client.post(
            reverse("staff_invite"),
            {
                "email": "x@example.se",
                "first_name": "X",
                "last_name": "Y",
                "kind": kind,
                "organisation": organisation.pk,
                "language": "sv",
            },
        )
        assert response.status_code == 200
        assert response.context["form"].errors
    assert not User.objects.filter(email="x@example.se").exists()
    assert len(mail.outbox) == 0


@pytest.mark.django_db
def test_staff_without_a_coordinator_role_cannot_invite(client, molndal):
    staff = UserFactory(role=(Role.Kind.MUNICIPAL_STAFF, molndal))
    client.force_login(staff)

    assert client.get(reverse("staff_invite")).status_code == 403
