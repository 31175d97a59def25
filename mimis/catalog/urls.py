from django.urls import path

from mimis.catalog import authoring_views, codesign_views, level_views, views

app_name = "catalog"

urlpatterns = [
    path("microcredentials/", views.catalogue, name="catalogue"),
    path("microcredentials/skill-picker/", authoring_views.skill_picker, name="skill_picker"),
    path("microcredentials/concept-picker/", authoring_views.concept_picker, name="concept_picker"),
    path("microcredentials/similar/", authoring_views.similar, name="similar"),
    path("microcredentials/<slug:slug>/", views.detail, name="detail"),
    path("microcredentials/<slug:slug>/elm.jsonld", views.elm_export, name="elm"),
    path("microcredentials/<slug:slug>/edit/<str:step>/", authoring_views.edit, name="edit"),
    path(
        "microcredentials/<slug:slug>/suggest-skills/",
        authoring_views.suggest_outcome_skills,
        name="suggest_outcome_skills",
    ),
    path("microcredentials/<slug:slug>/new-version/", authoring_views.start_new_version, name="new_version"),
    path("microcredentials/<slug:slug>/codesigners/", authoring_views.add_codesigner, name="add_codesigner"),
    path(
        "microcredentials/<slug:slug>/codesigners/<slug:organisation_slug>/remove/",
        authoring_views.remove_codesigner,
        name="remove_codesigner",
    ),
    path("microcredentials/<slug:slug>/occasions/", authoring_views.occasions_page, name="occasions"),
    path("microcredentials/<slug:slug>/level-decision/", level_views.level_decision, name="level_decision"),
    path(
        "microcredentials/<slug:slug>/occasions/<int:occasion_id>/",
        authoring_views.occasions_page,
        name="edit_occasion",
    ),
    path(
        "microcredentials/<slug:slug>/occasions/<int:occasion_id>/delete/",
        authoring_views.delete_occasion,
        name="delete_occasion",
    ),
    path("codesign/", codesign_views.invitations, name="codesign_invitations"),
    path("codesign/<int:invitation_id>/", codesign_views.invitation, name="codesign_invitation"),
    path("codesign/<int:invitation_id>/accept/", codesign_views.accept, name="accept_codesign"),
    path("codesign/<int:invitation_id>/decline/", codesign_views.decline, name="decline_codesign"),
    path("codesign/<int:invitation_id>/withdraw/", codesign_views.withdraw, name="withdraw_codesign"),
    path("microcredentials/<slug:slug>/comments/", authoring_views.add_comment, name="add_comment"),
    path(
        "organisations/<slug:slug>/microcredentials/",
        authoring_views.organisation_microcredentials,
        name="organisation_microcredentials",
    ),
    path("organisations/<slug:slug>/microcredentials/new/", authoring_views.create, name="create"),
    path("pathways/", views.pathway_list, name="pathways"),
    path("pathways/<slug:slug>/edit/", authoring_views.edit_pathway, name="edit_pathway"),
    path("organisations/<slug:slug>/pathways/new/", authoring_views.create_pathway, name="create_pathway"),
]
