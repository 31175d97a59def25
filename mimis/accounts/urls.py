from django.urls import path

from mimis.accounts import views

app_name = "accounts"

urlpatterns = [
    path("account/login/", views.LoginView.as_view(), name="login"),
    path("account/logout/", views.LogoutView.as_view(), name="logout"),
    path("account/register/", views.register, name="register"),
    path("account/verify/<str:token>/", views.verify_email, name="verify_email"),
    path("account/verify-again/", views.resend_verification, name="resend_verification"),
    path("account/password-reset/", views.password_reset, name="password_reset"),
    path(
        "account/reset/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path("account/", views.profile, name="profile"),
    path("account/password/", views.password_change, name="password_change"),
    path("account/two-factor/", views.two_factor_setup, name="two_factor_setup"),
    path("account/two-factor/verify/", views.two_factor_verify, name="two_factor_verify"),
    path("account/two-factor/disable/", views.two_factor_disable, name="two_factor_disable"),
    path("account/tokens/", views.personal_tokens, name="personal_tokens"),
    path("invitations/<str:token>/", views.invitation, name="invitation"),
    path("organisations/", views.organisation_list, name="organisation_list"),
    path("organisations/new/", views.organisation_create, name="organisation_create"),
    path("organisations/<slug:slug>/", views.organisation_detail, name="organisation_detail"),
    path("organisations/<slug:slug>/edit/", views.organisation_edit, name="organisation_edit"),
    path("organisations/<slug:slug>/members/", views.organisation_members, name="organisation_members"),
    path("organisations/<slug:slug>/members/<int:user_id>/roles/", views.member_roles, name="member_roles"),
    path(
        "organisations/<slug:slug>/invitations/<int:invitation_id>/<str:action>/",
        views.invitation_action,
        name="invitation_action",
    ),
    path("organisations/<slug:slug>/tokens/", views.organisation_tokens, name="organisation_tokens"),
    path("platform/organisations/", views.organisation_applications, name="organisation_applications"),
]
