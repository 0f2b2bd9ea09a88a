"""For benchmarks only (``BENCHMARK=true``, README "Benchmarks"): the server's own time in a ``Server-Timing`` header,
and a bare view to compare pages with. Off in production: a response's timing is a signal to an attacker."""

import time

from django.http import HttpResponse


class ServerTimingMiddleware:
    """First in the chain: the time from the first middleware in to the last out, as ``Server-Timing: app;dur=ms``."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        response = self.get_response(request)
        response["Server-Timing"] = f"app;dur={(time.perf_counter() - started) * 1000:.3f}"
        return response


def hello(request):
    """The framework's ceiling: every middleware, no query of ours, a few bytes."""
    return HttpResponse("hello", content_type="text/plain")
