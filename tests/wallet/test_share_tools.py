"""Share links: the address to copy (a read-only field, a copy and a share button for browsers that can), a
QR code with a text alternative and a download; and views counted only when a person opens the page."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
from django.test import Client

from mimis.accounts.services import create_api_token
from mimis.wallet import services
from mimis.wallet.models import ShareLink
from tests.conftest import signed_in
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

SVG = "{http://www.w3.org/2000/svg}"


def make_link(learner, credential) -> ShareLink:
    return services.create_share_link(user=learner, credential_ids=[str(credential.pk)], expires_in_days=None)


def share_path(link: ShareLink) -> str:
    return f"/shared/{link.token}/"


class TestSharingPageTools:
    def test_each_active_link_is_in_a_read_only_field_with_copy_and_share_buttons(self, credential, learner):
        link = make_link(learner, credential)
        page = signed_in(learner).get("/my/sharing/").content.decode()
        url = f"http://testserver{share_path(link)}"
        field = re.search(r'<input id="share-url-[^"]+"[^>]*>', page)[0]
        assert f'value="{url}"' in field and " readonly " in field
        assert f'<label for="share-url-{link.pk}">Delningslänk' in page
        # The buttons need JavaScript (clipboard, the device's share sheet): hidden until the script shows them.
        assert re.search(r'<button type="button" class="button button-secondary" data-copy hidden', page)
        assert re.search(r'<button type="button" class="button button-secondary" data-share hidden', page)
        assert "Kopiera länken" in page and 'data-done="Länken är kopierad."' in page
        assert '<script src="/static/wallet/share.js" defer></script>' in page
        assert Client().get("/static/wallet/share.js").status_code == 200

    def test_the_credential_page_offers_the_same_tools_for_its_links(self, credential, learner):
        link = make_link(learner, credential)
        page = signed_in(learner).get(f"/my/credentials/{credential.pk}/").content.decode()
        field = re.search(r'<input id="share-url-[^"]+"[^>]*>', page)[0]
        assert f'value="http://testserver{share_path(link)}"' in field and " readonly " in field
        assert "Kopiera länken" in page and '<div class="qr" role="img"' in page
        assert f'<a href="/my/sharing/{link.pk}/qr.svg" download>' in page
        assert '<script src="/static/wallet/share.js" defer></script>' in page

    def test_the_qr_code_is_an_inline_svg_with_a_text_alternative_and_a_download(self, credential, learner):
        link = make_link(learner, credential)
        page = signed_in(learner).get("/en/my/sharing/").content.decode()
        assert re.search(
            r'<div class="qr" role="img" aria-label="QR code that opens the share page of '
            r'Demensvård – grunder"><svg',
            page,
        )
        assert f'<a href="/en/my/sharing/{link.pk}/qr.svg" download>Download the QR code (SVG)' in page

    def test_the_downloaded_qr_code_is_an_svg_file_of_the_share_address(self, credential, learner):
        link = make_link(learner, credential)
        response = signed_in(learner).get(f"/my/sharing/{link.pk}/qr.svg")
        assert response.status_code == 200
        assert response["Content-Type"] == "image/svg+xml; charset=utf-8"
        assert response["Content-Disposition"] == f'attachment; filename="mimis-share-{link.pk}.svg"'
        root = ET.fromstring(response.content)
        assert root.tag == f"{SVG}svg" and root.get("viewBox")
        assert root.find(f"{SVG}path") is not None

    def test_the_qr_code_on_the_page_and_the_download_encode_the_share_address(self, credential, learner):
        from mimis.wallet.presenting import qr_svg

        link = make_link(learner, credential)
        browser = signed_in(learner)
        expected = qr_svg(f"http://testserver{share_path(link)}")
        assert expected != qr_svg(f"http://testserver{share_path(link)}x")
        assert expected in browser.get("/my/sharing/").content.decode()
        assert browser.get(f"/my/sharing/{link.pk}/qr.svg").content.decode() == expected

    def test_nobody_else_gets_the_qr_code_of_my_link(self, credential, learner):
        link = make_link(learner, credential)
        assert signed_in(UserFactory()).get(f"/my/sharing/{link.pk}/qr.svg").status_code == 404
        response = Client().get(f"/my/sharing/{link.pk}/qr.svg")
        assert response.status_code == 302 and response["Location"].startswith("/account/login/")

    def test_a_withdrawn_link_shows_no_copy_field_or_qr_code(self, credential, learner):
        link = make_link(learner, credential)
        services.withdraw_share_link(link=link, acting_user=learner)
        page = signed_in(learner).get("/my/sharing/").content.decode()
        assert "data-share-tools" not in page and 'class="qr"' not in page

    def test_the_api_gives_the_qr_code_too(self, credential, learner):
        link = make_link(learner, credential)
        secret = create_api_token(user=learner, name="wallet", scopes=["read"])[1]
        response = Client().get(
            f"/api/v1/me/share-links/{link.pk}/qr.svg", HTTP_AUTHORIZATION=f"Bearer {secret}"
        )
        assert response.status_code == 200 and response["Content-Type"] == "image/svg+xml; charset=utf-8"
        assert ET.fromstring(response.content).tag == f"{SVG}svg"
        other = create_api_token(user=UserFactory(), name="wallet", scopes=["read"])[1]
        response = Client().get(
            f"/api/v1/me/share-links/{link.pk}/qr.svg", HTTP_AUTHORIZATION=f"Bearer {other}"
        )
        assert response.status_code == 404 and response.json()["code"] == "not_found"


class TestCountingViews:
    def counts(self, link: ShareLink) -> tuple[int, int]:
        link.refresh_from_db()
        return link.view_count, link.download_count

    def test_a_head_request_is_answered_like_get_but_not_counted(self, credential, learner):
        link = make_link(learner, credential)
        response = Client().head(share_path(link))
        assert response.status_code == 200 and response["X-Robots-Tag"] == "noindex, nofollow"
        assert Client().head(f"{share_path(link)}{credential.pk}/download/").status_code == 200
        assert self.counts(link) == (0, 0)
        Client().get(share_path(link))
        assert self.counts(link) == (1, 0)

    @pytest.mark.parametrize(
        "agent",
        [
            "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)",
            "LinkedInBot/1.0 (compatible; Mozilla/5.0; Apache-HttpClient +http://www.linkedin.com)",
            "Mozilla/5.0 (Windows NT 6.1; WOW64) SkypeUriPreview Preview/0.5 skype-url-preview@microsoft.com",
            "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
            "Twitterbot/1.0",
            "WhatsApp/2.23.20.0 A",
            "Mozilla/5.0 (compatible; Discordbot/2.0; +https://discordapp.com)",
            "TelegramBot (like TwitterBot)",
            "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        ],
    )
    def test_link_previews_are_not_counted(self, credential, learner, agent):
        link = make_link(learner, credential)
        response = Client(HTTP_USER_AGENT=agent).get(share_path(link))
        assert response.status_code == 200  # the preview still gets the page
        Client(HTTP_USER_AGENT=agent).get(f"{share_path(link)}{credential.pk}/download/")
        assert self.counts(link) == (0, 0)

    def test_people_in_browsers_are_counted(self, credential, learner):
        link = make_link(learner, credential)
        firefox = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"
        safari = (
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
            "(KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1"
        )
        Client(HTTP_USER_AGENT=firefox).get(share_path(link))
        Client(HTTP_USER_AGENT=safari).get(share_path(link))
        Client().get(share_path(link))  # no User-Agent at all: counted, we cannot tell
        Client(HTTP_USER_AGENT=firefox).get(f"{share_path(link)}{credential.pk}/download/")
        assert self.counts(link) == (3, 1)

    def test_the_rule_itself(self):
        assert services.counts_as_visit(method="GET", user_agent="Mozilla/5.0 Firefox/128.0") is True
        assert services.counts_as_visit(method="HEAD", user_agent="Mozilla/5.0 Firefox/128.0") is False
        assert services.counts_as_visit(method="POST", user_agent="Mozilla/5.0 Firefox/128.0") is False
        assert services.counts_as_visit(method="GET", user_agent="LINKEDINBOT/1.0") is False
