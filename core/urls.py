from django.contrib.auth import views as auth_views
from django.urls import path

from .forms import LoginForm
from .views import switch_language

app_name = "core"

urlpatterns = [
    path(
        "anmelden/",
        auth_views.LoginView.as_view(
            template_name="core/login.html", authentication_form=LoginForm
        ),
        name="login",
    ),
    path("abmelden/", auth_views.LogoutView.as_view(), name="logout"),
    path("sprache/<str:code>/", switch_language, name="language"),
]
