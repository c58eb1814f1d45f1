"""The public site for young people (``config/urls_youth.py``). Served only by the youth process.

Every page: no cookie until a report is sent, no request to anyone else, works without
JavaScript, and has "Exit this page". The forms carry no CSRF token (no cookie: see
``site_settings``) and refuse posts from another site by their ``Origin`` instead.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from lantern.core.form_pages import add_service_errors
from lantern.youth import forms, ratelimit, services
from lantern.youth.choices import PUBLIC_STATUS

SESSION_REFERENCE = "youth_reference"
#: The biggest request a report may be: a 5 MB picture and the words, with room for the form.
MAX_REQUEST_BYTES = 6 * 1024 * 1024

TOO_MANY = (
    "A lot of messages have been sent from where you are in the last hour, so we cannot take "
    "this one right now. Please try again in an hour. Your words are still here. If you are in "
    "danger now, call 999"
)
UNAVAILABLE = (
    "Sorry, we cannot take messages right now. Please try again later. Your words are still "
    "here. If you are in danger now, call 999"
)
OTHER_SITE = "This form can only be sent from this website. Please open the website and try again."


def _page(template: str, title: str):
    def view(request: HttpRequest) -> HttpResponse:
        return render(request, f"youth/{template}", {"page_title": title})

    view.__name__ = template.removesuffix(".html")
    return require_http_methods(["GET", "HEAD"])(view)


start = _page("start.html", "Tell us what is wrong, safely")
before_you_start = _page("before_you_start.html", "Before you start")
help_now = _page("help_now.html", "Get help now")
staying_safe = _page("staying_safe.html", "Staying safe when you use this site")
anonymous = _page("anonymous.html", "What we know about you")


def _from_another_site(request: HttpRequest) -> bool:
    fetch_site = request.META.get("HTTP_SEC_FETCH_SITE", "")
    if fetch_site and fetch_site not in ("same-origin", "none"):
        return True
    origin = request.META.get("HTTP_ORIGIN", "")
    return bool(origin) and origin != "null" and origin != f"{request.scheme}://{request.get_host()}"


def _refused(request: HttpRequest, message: str, status: int) -> HttpResponse:
    return render(
        request, "youth/refused.html", {"page_title": "We could not send this", "message": message},
        status=status,
    )


def _counted(request: HttpRequest, form, *, action: str, limit: int) -> int | None:
    """Count this attempt; None when it may go ahead, else the status to answer with (the
    message is put on the form so the young person's words are shown again)."""
    try:
        allowed = ratelimit.hit(key=getattr(request, "youth_client_key", None), action=action, limit=limit)
    except ratelimit.RateLimitUnavailable:
        form.add_error(None, UNAVAILABLE)
        return 503
    if not allowed:
        form.add_error(None, TOO_MANY)
        return 429
    return None


@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def report(request: HttpRequest) -> HttpResponse:
    status = 200
    if request.method == "POST":
        if _from_another_site(request):
            return _refused(request, OTHER_SITE, 403)
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = MAX_REQUEST_BYTES + 1
        if length > MAX_REQUEST_BYTES:
            return _refused(
                request,
                "Your message was too big to send. Try a smaller photo or screenshot, or send it "
                "without one.",
                413,
            )
        form = forms.ReportForm(request.POST, request.FILES)
        if form.is_valid():
            refused = _counted(request, form, action="report", limit=ratelimit.report_limit())
            if refused is None:
                data = form.cleaned_data
                try:
                    _report, reference = services.youth_report_submit(
                        what_happened=data["what_happened"],
                        about=data["about"],
                        age_band=data["age_band"],
                        where=data["where"],
                        wants_contact=data["wants_contact"],
                        contact_name=data["contact_name"],
                        contact_how=data["contact_how"],
                        contact_when=data["contact_when"],
                        picture=data["picture"],
                    )
                except ValidationError as exc:
                    add_service_errors(form, exc)
                else:
                    # The first cookie this site sets, and only now that a report is sent.
                    request.session[SESSION_REFERENCE] = reference
                    return redirect("public:sent")
            else:
                status = refused
        # A fresh start time: a form shown again must be read again before it is sent.
        form.data = form.data.copy()
        form.data["started"] = forms.started_token()
    else:
        form = forms.ReportForm(initial={"started": forms.started_token()})
    return render(
        request, "youth/report.html", {"form": form, "page_title": "Tell us what is wrong"},
        status=status,
    )


@require_http_methods(["GET", "HEAD"])
def sent(request: HttpRequest) -> HttpResponse:
    reference = request.session.get(SESSION_REFERENCE)
    if not reference:
        return redirect("public:start")
    return render(request, "youth/sent.html", {"reference": reference, "page_title": "Your message has been sent"})


@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def check(request: HttpRequest) -> HttpResponse:
    status = 200
    if request.method == "POST":
        if _from_another_site(request):
            return _refused(request, OTHER_SITE, 403)
        form = forms.ReferenceForm(request.POST)
        if form.is_valid():
            refused = _counted(request, form, action="check", limit=ratelimit.check_limit())
            if refused is None:
                try:
                    report, reference = services.youth_report_follow(reference=form.cleaned_data["reference"])
                except ValidationError as exc:
                    add_service_errors(form, exc)
                else:
                    return _status_page(request, report, reference)
            else:
                status = refused
    else:
        form = forms.ReferenceForm()
    return render(
        request, "youth/check.html", {"form": form, "page_title": "Check on your message"}, status=status
    )


def _status_page(request, report, reference, *, form=None, added=False, status=200):
    return render(
        request,
        "youth/status.html",
        {
            "page_title": "Your message",
            "public_status": PUBLIC_STATUS[report.status],
            "reference": reference,
            "added": added,
            "form": form or forms.AddMoreForm(initial={"reference": reference}),
        },
        status=status,
    )


@csrf_exempt
@require_http_methods(["POST"])
def add_more(request: HttpRequest) -> HttpResponse:
    if _from_another_site(request):
        return _refused(request, OTHER_SITE, 403)
    form = forms.AddMoreForm(request.POST)
    status = 200
    if form.is_valid():
        refused = _counted(request, form, action="check", limit=ratelimit.check_limit())
        if refused is None:
            try:
                report, reference = services.youth_addition_add(
                    reference=form.cleaned_data["reference"], text=form.cleaned_data["text"]
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                return _status_page(request, report, reference, added=True)
        else:
            status = refused
    return render(
        request, "youth/add_more.html", {"form": form, "page_title": "Add to your message"}, status=status
    )


@require_http_methods(["GET", "HEAD", "POST"])
@csrf_exempt
def exit_page(request: HttpRequest) -> HttpResponse:
    """"Exit this page": forget the session (the reference shown after sending) and go to an
    ordinary website. The signed-cookie session keeps nothing on the server to delete."""
    request.session.flush()
    response = redirect(settings.LANTERN_YOUTH_EXIT_URL)
    response["Referrer-Policy"] = "no-referrer"
    return response


def not_found(request: HttpRequest, exception=None) -> HttpResponse:
    return render(request, "youth/404.html", {"page_title": "Page not found"}, status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    return render(request, "youth/500.html", {"page_title": "Sorry, something went wrong"}, status=500)
