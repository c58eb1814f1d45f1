"""A tiny OpenID Connect provider on 127.0.0.1, standing in for Microsoft Entra in tests.

It serves discovery, ``/authorize`` (authorization code flow, PKCE S256 checked), ``/token``
(client_secret_post or basic), ``/userinfo`` and the JWKS, and signs id_tokens with an RSA key
made for the run. Nothing leaves the machine.

Example::

    with LocalOIDCProvider() as idp:
        idp.claims = {"sub": "abc", "email": "priya@example.org"}
        ...  # point SOCIALACCOUNT_PROVIDERS at idp.issuer
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlencode, urlsplit

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa


class LocalOIDCProvider:
    client_id = "lantern-test-client"
    client_secret = "lantern-test-secret"  # noqa: S105 - a throwaway test provider
    kid = "test-key-1"

    def __init__(self) -> None:
        self.key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.claims: dict = {}
        self.id_token_overrides: dict = {}
        self.codes: dict[str, dict] = {}
        self.tokens: dict[str, dict] = {}
        self.requests: list[str] = []
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def issuer(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def __enter__(self) -> LocalOIDCProvider:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()

    def discovery(self) -> dict:
        return {
            "issuer": self.issuer,
            "authorization_endpoint": f"{self.issuer}/authorize",
            "token_endpoint": f"{self.issuer}/token",
            "userinfo_endpoint": f"{self.issuer}/userinfo",
            "jwks_uri": f"{self.issuer}/jwks",
            "response_types_supported": ["code"],
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "token_endpoint_auth_methods_supported": ["client_secret_post"],
            "code_challenge_methods_supported": ["S256"],
        }

    def jwks(self) -> dict:
        jwk = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(self.key.public_key()))
        jwk.update({"kid": self.kid, "alg": "RS256", "use": "sig"})
        return {"keys": [jwk]}

    def id_token(self, claims: dict) -> str:
        now = int(time.time())
        payload = {
            "iss": self.issuer,
            "aud": self.client_id,
            "iat": now,
            "exp": now + 300,
            **claims,
            **self.id_token_overrides,
        }
        return jwt.encode(payload, self.key, algorithm="RS256", headers={"kid": self.kid})

    # --- HTTP ---------------------------------------------------------------------------------
    def _handler(self):
        idp = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:  # keep test output quiet
                pass

            def _json(self, status: int, body: dict) -> None:
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self) -> None:  # noqa: N802 - http.server's naming
                url = urlsplit(self.path)
                idp.requests.append(f"GET {url.path}")
                if url.path == "/.well-known/openid-configuration":
                    return self._json(200, idp.discovery())
                if url.path == "/jwks":
                    return self._json(200, idp.jwks())
                if url.path == "/authorize":
                    return self._authorize(parse_qs(url.query))
                if url.path == "/userinfo":
                    token = self.headers.get("Authorization", "").removeprefix("Bearer ")
                    if token not in idp.tokens:
                        return self._json(401, {"error": "invalid_token"})
                    return self._json(200, idp.tokens[token])
                return self._json(404, {"error": "not_found"})

            def _authorize(self, query: dict) -> None:
                q = {k: v[0] for k, v in query.items()}
                if q.get("client_id") != idp.client_id or q.get("response_type") != "code":
                    return self._json(400, {"error": "invalid_request"})
                code = secrets.token_urlsafe(16)
                idp.codes[code] = {
                    "claims": dict(idp.claims),
                    "redirect_uri": q["redirect_uri"],
                    "challenge": q.get("code_challenge"),
                    "method": q.get("code_challenge_method"),
                }
                location = q["redirect_uri"] + "?" + urlencode({"code": code, "state": q["state"]})
                self.send_response(302)
                self.send_header("Location", location)
                self.end_headers()

            def do_POST(self) -> None:  # noqa: N802
                url = urlsplit(self.path)
                idp.requests.append(f"POST {url.path}")
                length = int(self.headers.get("Content-Length", "0"))
                form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
                if url.path != "/token":
                    return self._json(404, {"error": "not_found"})
                client_id, secret = form.get("client_id"), form.get("client_secret")
                auth = self.headers.get("Authorization", "")
                if auth.startswith("Basic "):
                    client_id, _, secret = base64.b64decode(auth[6:]).decode().partition(":")
                if (client_id, secret) != (idp.client_id, idp.client_secret):
                    return self._json(401, {"error": "invalid_client"})
                grant = idp.codes.pop(form.get("code", ""), None)
                if grant is None or grant["redirect_uri"] != form.get("redirect_uri"):
                    return self._json(400, {"error": "invalid_grant"})
                verifier = form.get("code_verifier", "")
                expected = (
                    base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest())
                    .rstrip(b"=")
                    .decode()
                )
                if grant["method"] != "S256" or grant["challenge"] != expected:
                    return self._json(400, {"error": "invalid_grant", "detail": "PKCE"})
                access = secrets.token_urlsafe(16)
                idp.tokens[access] = grant["claims"]
                return self._json(
                    200,
                    {
                        "access_token": access,
                        "token_type": "Bearer",
                        "expires_in": 300,
                        "id_token": idp.id_token(grant["claims"]),
                    },
                )

        return Handler
