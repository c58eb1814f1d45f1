"""Allauth adapter: accounts are created by administrators, never by self sign-up."""

from allauth.account.adapter import DefaultAccountAdapter


class LanternAccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request) -> bool:
        return False
