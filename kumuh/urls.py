from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from lokasi import views as lokasi_views
from lokasi.auth import GantiKataSandi
from lokasi.forms import FormMasuk

urlpatterns = [
    path("", lokasi_views.beranda, name="beranda"),
    path(
        "masuk/",
        auth_views.LoginView.as_view(
            redirect_authenticated_user=True, authentication_form=FormMasuk
        ),
        name="login",
    ),
    path("keluar/", auth_views.LogoutView.as_view(), name="logout"),
    path("akun/kata-sandi/", GantiKataSandi.as_view(), name="ganti_kata_sandi"),
    path("lokasi/", include("lokasi.urls")),
    path("penilaian/", include("penilaian.urls")),
    path("kolaborasi/", include("kolaborasi.urls")),
    path("monev/", include("monev.urls")),
    path("publik/", include("monev.publik.urls")),
    path("pengaduan/", include("monev.pengaduan.urls_publik")),
    path("api/v1/", include("lokasi.urls_api")),
    path("api/v1/", include("penilaian.urls_api")),
    path("api/v1/", include("kolaborasi.urls_api")),
    path("api/v1/schema/", SpectacularAPIView.as_view(), name="api_schema"),
    path(
        "api/v1/docs/",
        SpectacularSwaggerSplitView.as_view(url_name="api_schema"),
        name="api_docs",
    ),
    path("kelola/", admin.site.urls),
]
