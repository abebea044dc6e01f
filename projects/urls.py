from django.urls import path

from . import views

urlpatterns = [path("nachnutzung/", views.reuse_overview, name="reuse_overview")]
