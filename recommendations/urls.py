from django.urls import path

from . import views

app_name = "recommendations"
urlpatterns = [
    path("follow-ups/", views.dashboard, name="dashboard"),
    path("follow-ups/export.csv", views.follow_up_export, name="export"),
    path("follow-ups/<int:pk>/", views.follow_up_detail, name="follow-up"),
    path("recommendations/<int:pk>/", views.recommendation_detail, name="recommendation"),
]
