from django.urls import path

from . import views

app_name = "contacts"
urlpatterns = [
    path("directory/", views.directory, name="directory"),
    path("people/<int:pk>/", views.person_detail, name="person"),
    path("people/<int:pk>/vcard/", views.person_vcard, name="vcard"),
    path("directory/reads/", views.read_report, name="read_report"),
    path("reconfirm/new/", views.reconfirm_new, name="reconfirm_new"),
    path("reconfirm/<str:token>/", views.reconfirm, name="reconfirm"),
    path("reconfirm/<str:token>/correct/", views.reconfirm_correct, name="reconfirm_correct"),
]
