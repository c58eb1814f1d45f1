"""Template tags for account pages: the MFA notice on the home and set-up pages."""

from django import template

from lantern.accounts import mfa

register = template.Library()


@register.inclusion_tag("accounts/_mfa_notice.html", takes_context=True)
def mfa_notice(context, show_link: bool = True) -> dict:
    """Say when MFA is optional (demo) or must be set up now (production)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "must_set_up": mfa.needs_setup(request),
        "optional": not mfa.mfa_required(),
        "has_app": mfa.has_authenticator(user),
        "show_link": show_link,
    }
