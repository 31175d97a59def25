"""The figures against hand-computed expectations on the generated data of conftest.py."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from mimis.insights import figures, rollups, selectors
from mimis.insights.models import CredentialMonth, SkillSupply
from mimis.insights.selectors import Audience, Filters, add_months
from mimis.issuing import services as issuing
from mimis.issuing.models import Credential

REGION, PUBLIC = Audience("region"), Audience("public")


def last_12() -> Filters:
    return Filters(period=selectors.period_for("12m"))


def values(figure, column):  # type: ignore[no-untyped-def]
    return {row.get("category", row.get("month")): row[column].value for row in figure.rows}


class TestIssuedAndValid:
    def test_months_count_issued_and_valid_at_month_end(self, world) -> None:
        months = selectors.monthly(last_12(), REGION)
        assert [(m.issued, m.valid) for m in months[-3:]] == [(7, 7), (8, 15), (6, 18)]
        assert sum(m.issued for m in months) == 21

    def test_valid_at_end_of_an_earlier_period_ignores_later_revocations(self, world) -> None:
        this_month = timezone.localdate().replace(day=1)
        period = selectors.Period("x", add_months(this_month, -2), add_months(this_month, -1))
        totals = selectors.totals(selectors.per_version(Filters(period), REGION))
        assert (totals.issued, totals.valid) == (15, 15)

    def test_filters_by_sector_pilot_and_provider(self, world) -> None:
        def issued(**kwargs):  # type: ignore[no-untyped-def]
            return selectors.totals(
                selectors.per_version(Filters(period=last_12().period, **kwargs), REGION)
            ).issued

        assert issued(sector=world.care_sector.pk) == 18
        assert issued(sector=world.retail_sector.pk) == 3
        assert issued(target_group="health_social_care") == 18
        assert issued(provider=world.employer.pk) == 6
        assert issued(provider=world.provider.pk, sector=world.care_sector.pk) == 12

    def test_a_period_with_no_data_is_all_zero(self, world) -> None:
        period = selectors.Period(
            "x",
            add_months(timezone.localdate().replace(day=1), -30),
            add_months(timezone.localdate().replace(day=1), -24),
        )
        figure = figures.build("issued_over_time", Filters(period), PUBLIC)
        assert {row["issued"].value for row in figure.rows} == {0}
        assert figure.summary == "Inga meriter utfärdades under perioden."


class TestBreakdowns:
    def test_by_provider_for_the_region_names_the_employer(self, world) -> None:
        figure = figures.build("by_provider", last_12(), REGION)
        assert values(figure, "issued") == {"Högskolan Kristianstad": 15, "Österlens Bageri AB": 6}
        assert values(figure, "valid") == {"Högskolan Kristianstad": 13, "Österlens Bageri AB": 5}

    def test_public_by_provider_merges_private_employers(self, world) -> None:
        figure = figures.build("by_provider", last_12(), PUBLIC)
        assert values(figure, "issued") == {"Högskolan Kristianstad": 15, "Arbetsgivare (sammanslagna)": 6}
        assert "Österlens Bageri AB" not in str(figures.as_json(figure))

    def test_small_sector_and_the_cell_that_would_reveal_it_are_suppressed(self, world) -> None:
        figure = figures.build("by_sector", last_12(), PUBLIC)
        by = {row["category"]: row["issued"] for row in figure.rows}
        assert by["47 Detaljhandel"].reason == "primary"  # 3 people
        assert by["87 Vård och omsorg"].reason == "secondary"  # 21 − 18 would give the 3
        assert figure.total["issued"].value == 21

    def test_by_level_suppresses_the_smallest_other_level(self, world) -> None:
        figure = figures.build("by_level", last_12(), REGION)
        assert values(figure, "issued") == {"SeQF-nivå 4": 12, "SeQF-nivå 2": None, "SeQF-nivå 3": None}

    def test_by_skill_counts_a_credential_under_each_skill(self, world) -> None:
        per = selectors.breakdown("skill", last_12(), REGION)
        assert {k: v.issued for k, v in per.items()} == {
            str(world.omvardnad.pk): 18,
            str(world.demens.pk): 12,
            str(world.kundtjanst.pk): 3,
        }

    def test_a_filter_narrowing_to_few_people_suppresses_everything(self, world) -> None:
        figure = figures.build(
            "by_sector", Filters(period=last_12().period, target_group="small_business"), PUBLIC
        )
        assert figure.total["issued"].suppressed
        assert all(row["issued"].suppressed for row in figure.rows)
        assert not any(ch.isdigit() for ch in figure.summary)


class TestRollupsStayCorrect:
    def test_revoking_updates_the_figures_without_a_full_refresh(self, world, on_commit) -> None:
        with on_commit():
            issuing.revoke_credential(
                credential=world.credentials["care_m1"][0], reason="Fel", acting_user=None
            )
        months = selectors.monthly(last_12(), REGION)
        assert months[-1].valid == 17

    def test_suspending_and_reinstating_comes_back(self, world, on_commit) -> None:
        credential = world.credentials["care_m1"][0]
        with on_commit():
            issuing.suspend_credential(credential=credential, reason="Utreds", acting_user=None)
        assert selectors.monthly(last_12(), REGION)[-1].valid == 17
        with on_commit():
            issuing.reinstate_credential(credential=credential, acting_user=None)
        assert selectors.monthly(last_12(), REGION)[-1].valid == 18

    def test_issuing_adds_to_this_month_at_once(self, world, on_commit) -> None:
        with on_commit():
            issuing.issue_credentials(
                version=world.retail, recipients=[issuing.Recipient("ny@example.se", "Ny")], acting_user=None
            )
        assert selectors.monthly(last_12(), REGION)[-1].issued == 7

    def test_expiry_is_counted_by_the_nightly_refresh(self, world) -> None:
        credential = world.credentials["care_m2"][3]
        Credential.objects.filter(pk=credential.pk).update(valid_until=timezone.now() - timedelta(seconds=1))
        assert selectors.monthly(last_12(), REGION)[-1].valid == 18  # no signal for time passing
        rollups.refresh_all()
        assert selectors.monthly(last_12(), REGION)[-1].valid == 17

    def test_refresh_is_idempotent(self, world) -> None:
        before = sorted(CredentialMonth.objects.values_list("version_id", "month", "issued", "ended"))
        rollups.refresh_all()
        assert sorted(CredentialMonth.objects.values_list("version_id", "month", "issued", "ended")) == before


class TestSupply:
    def test_people_are_counted_once_per_skill_and_only_while_valid(self, world) -> None:
        supply = dict(
            SkillSupply.objects.filter(kind="skill", target_group="").values_list("concept_id", "holders")
        )
        # Omvårdnad: p3–p12 (care, p1 and p2 revoked) and p14–p18 (bakery, p13 expired).
        assert supply == {world.omvardnad.pk: 15, world.demens.pk: 10, world.kundtjanst.pk: 3}

    def test_supply_per_pilot(self, world) -> None:
        supply = dict(
            SkillSupply.objects.filter(kind="skill", target_group="small_business").values_list(
                "concept_id", "holders"
            )
        )
        assert supply == {world.kundtjanst.pk: 3}

    def test_revocation_lowers_supply_at_once(self, world, on_commit) -> None:
        with on_commit():
            issuing.revoke_credential(
                credential=world.credentials["bakery_m0"][1], reason="Fel", acting_user=None
            )
        assert SkillSupply.objects.get(kind="skill", target_group="", concept=world.omvardnad).holders == 14


@pytest.mark.parametrize("key", figures.FIGURE_KEYS)
def test_every_figure_has_a_summary_and_columns(world, key) -> None:  # type: ignore[no-untyped-def]
    figure = figures.build(key, last_12(), PUBLIC)
    assert figure.summary and figure.columns


class TestEngagement:
    def test_claim_share_and_views_per_share_against_benchmarks(self, world) -> None:
        from mimis.wallet.models import ShareLink, WalletEntry
        from tests.factories import UserFactory

        holder = UserFactory()
        care = world.credentials["care_m2"] + world.credentials["care_m1"]
        for credential in care[:10]:
            WalletEntry.objects.create(user=holder, credential=credential, via="claim_link")
        for n, credential in enumerate(care[:6]):
            link = ShareLink.objects.create(token=f"t{n}", user=holder, kind="credential", view_count=3)
            link.credentials.add(credential)
        rollups.refresh_all()
        figure = figures.build("engagement", last_12(), PUBLIC)
        claim, share, public, views = figure.rows
        assert claim["mimis"].value == pytest.approx(10 / 21) and claim["benchmark"].value == 0.63
        assert share["mimis"].value == pytest.approx(6 / 21) and share["benchmark"].value == 0.18
        assert public["benchmark"].value == 0.47
        assert views["mimis"] == 3.0
        assert "Accredible" in claim["source"] and "edubadges" in public["source"]

    def test_rates_of_a_small_group_are_not_shown(self, world) -> None:
        figure = figures.build(
            "engagement", Filters(period=last_12().period, target_group="small_business"), PUBLIC
        )
        assert figure.rows[0]["mimis"].value is None and figure.rows[3]["mimis"] is None
