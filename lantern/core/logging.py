"""Logging helpers. Log lines carry request ids, never names or other personal data."""

import logging

from lantern.core.middleware import current_request_id


class RequestIdFilter(logging.Filter):
    """Stamp each record with the current request id (or '-')."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = current_request_id.get()
        return True
