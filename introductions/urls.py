from django.urls import path

from . import views

app_name = "introductions"

urlpatterns = [
    path("konto/vorstellen/<int:project_id>/", views.introduce_view, name="introduce"),
]
