from django.urls import path

from microfuture.accounts import views

app_name = "accounts"

urlpatterns = [
    path("sign-in/", views.SignInView.as_view(), name="login"),
    path("sign-out/", views.SignOutView.as_view(), name="logout"),
    path("sign-up/", views.sign_up, name="sign_up"),
    path("sign-up/sent/", views.sign_up_sent, name="sign_up_sent"),
    path("sign-up/confirm/<str:token>/", views.sign_up_confirm, name="sign_up_confirm"),
    path("me/", views.me, name="me"),
    path("me/password/", views.PasswordChangeView.as_view(), name="password_change"),
    path("me/sessions/", views.sessions, name="sessions"),
    path("me/close/", views.close_account, name="close"),
    path("password-reset/", views.ResetView.as_view(), name="password_reset"),
    path("password-reset/sent/", views.ResetDoneView.as_view(), name="password_reset_done"),
    path(
        "password-reset/<uidb64>/<token>/",
        views.ResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path("password-reset/done/", views.ResetCompleteView.as_view(), name="password_reset_complete"),
]
