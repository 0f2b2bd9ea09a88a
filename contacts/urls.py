from django.urls import path

from . import views

app_name = "contacts"
urlpatterns = [
    path("directory/", views.directory, name="directory"),
    path("people/<int:pk>/", views.person_detail, name="person"),
    path("people/<int:pk>/vcard/", views.person_vcard, name="vcard"),
    path("directory/reads/", views.read_report, name="read_report"),
]
