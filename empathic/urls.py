from django.urls import include, path
from django.views.i18n import JavaScriptCatalog

# Styled error pages in the site's frame; why views and not bare templates: core/views_errors.py.
handler403 = "empathic.core.views_errors.permission_denied"
handler404 = "empathic.core.views_errors.page_not_found"
handler500 = "empathic.core.views_errors.server_error"

urlpatterns = [
    path("", include("empathic.core.urls")),
    path("accounts/", include("empathic.accounts.urls")),
    path("organisation/", include("empathic.accounts.urls_org")),
    path("organisation/audit/", include("empathic.audit.urls")),
    path("wellbeing/", include("empathic.wellbeing.urls")),
    path("conversations/", include("empathic.conversations.urls")),
    path("practice/", include("empathic.practice.urls")),
    path("journal/", include("empathic.journal.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
]
