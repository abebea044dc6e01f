from django.urls import path

from . import views

app_name = "follow"

urlpatterns = [
    path("konto/benachrichtigungen/", views.preferences, name="preferences"),
    path("konto/folgen/<str:kind>/<str:slug>/", views.toggle, name="toggle"),
    path("benachrichtigungen/abbestellen/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
