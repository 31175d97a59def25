from django.urls import path

from mimis.matching import people_views, views

app_name = "matching"

urlpatterns = [
    path("my/paths-to-jobs/", views.paths, name="paths"),
    path("my/paths-to-jobs/role/<int:profile_id>/", views.gap_to_profile, name="gap_profile"),
    path("my/paths-to-jobs/occupation/<int:occupation_id>/", views.gap_to_occupation, name="gap_occupation"),
    path("organisations/<slug:slug>/role-profiles/", views.profiles, name="profiles"),
    path("organisations/<slug:slug>/role-profiles/new/", views.new_profile, name="new_profile"),
    path("organisations/<slug:slug>/role-profiles/job-ad/", views.from_job_ad, name="from_job_ad"),
    path("organisations/<slug:slug>/role-profiles/<int:profile_id>/", views.profile_detail, name="profile"),
    path("my/paths-to-jobs/employers/", people_views.findable, name="findable"),
    path(
        "organisations/<slug:slug>/role-profiles/<int:profile_id>/candidates/",
        people_views.candidates,
        name="candidates",
    ),
    path("organisations/<slug:slug>/contact-requests/", people_views.sent_requests, name="sent_requests"),
    path("platform/candidate-search/", people_views.reports, name="reports"),
    path("platform/candidate-search/suspend/", people_views.suspend, name="suspend"),
    path("platform/shortage-occupations/", views.shortages, name="shortages"),
]
