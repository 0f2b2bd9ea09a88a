"""Responses that may carry personal data are never stored by a browser or a shared cache."""

from django.utils.cache import add_never_cache_headers, patch_cache_control


class NoStoreMiddleware:
    """``Cache-Control: no-store`` on every page, API answer and download (static files are served before this).

    Public pages carry no personal data, but marking every dynamic response is simpler to trust than deciding per
    page which ones do; an anonymous page costs the server little to render again.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        add_never_cache_headers(response)
        patch_cache_control(response, no_store=True, private=True)
        return response
