from django.urls import path

from mimis.quality import endorsement_views, views

app_name = "quality"

urlpatterns = [
    path("quality/", views.queue, name="queue"),
    path("quality/criteria/", views.criteria, name="criteria"),
    path("quality/criteria/new/", views.new_criteria, name="criteria_new"),
    path("quality/reviews/<int:review_id>/", views.review, name="review"),
    path("quality/reviews/<int:review_id>/start/", views.start_review, name="start"),
    path("quality/reviews/<int:review_id>/checklist/", views.save_checklist, name="checklist"),
    path("quality/reviews/<int:review_id>/decision/", views.decide, name="decide"),
    path("quality/reviews/<int:review_id>/unassign/", views.unassign, name="unassign"),
    path("quality/versions/<int:version_id>/assign/", views.assign, name="assign"),
    path("microcredentials/<slug:slug>/submit/", views.submit, name="submit"),
    path("microcredentials/<slug:slug>/withdraw/", views.withdraw, name="withdraw"),
    path("microcredentials/<slug:slug>/publish/", views.publish, name="publish"),
    path("microcredentials/<slug:slug>/retire/", views.retire, name="retire"),
    path("microcredentials/<slug:slug>/endorse/", endorsement_views.endorse, name="endorse"),
    path(
        "microcredentials/<slug:slug>/endorsements/<uuid:endorsement_id>/",
        endorsement_views.endorsement,
        name="endorsement",
    ),
    path(
        "microcredentials/<slug:slug>/endorsements/<uuid:endorsement_id>.json",
        endorsement_views.endorsement_json,
        name="endorsement_json",
    ),
]
