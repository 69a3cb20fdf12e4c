"""Postmortems as Confluence Cloud pages, through the REST API v2 (`/wiki/api/v2`).

One page per incident, found by its title in the configured space:

1. `GET /spaces?keys=<space key>` once, for the space's numeric id;
2. `GET /pages?space-id=<id>&title=<title>&status=current` for an existing page;
3. none: `POST /pages` (`spaceId`, `status`, `title`, `parentId`, storage-format `body`);
   one: `PUT /pages/<id>` with `version.number` one above the page's current version.
   A 409 (someone saved the page in between) re-reads the version and tries once more; a
   create refused because the title now exists (another process won the race) becomes an update.

Authentication is HTTP basic with the Atlassian account's email and an API token. The token is
a `SecretStr`: it is only ever read to build the auth header, and every message that leaves
this module is scrubbed of it.
"""

from __future__ import annotations

import base64
from typing import Any
from urllib.parse import urlsplit

import httpx
from pydantic import SecretStr

from bot.platform.logs import redact
from bot.postmortem.export.base import ExportFailed, ExportResult, PostmortemDocument, log
from bot.postmortem.export.storage_format import markdown_to_storage

VERSION_MESSAGE = "Updated by incident-commander"
MAX_TITLE = 255  # Confluence's limit on a page title
_DETAIL_LIMIT = 200


class ConfluenceExporter:
    """Publishes a postmortem as a page in one Confluence Cloud space."""

    name = "confluence"

    def __init__(
        self,
        base_url: str,
        space_key: str,
        user: str,
        api_token: SecretStr | str,
        parent_page_id: str | None = None,
        timeout: float = 10.0,
    ) -> None:
        site = base_url.strip().rstrip("/")
        site = site.removesuffix("/wiki")
        parts = urlsplit(site)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ValueError(f"CONFLUENCE_URL must be an http(s) URL such as "
                             f"https://your-site.atlassian.net, got {base_url!r}")
        if parts.username or parts.password:
            raise ValueError("CONFLUENCE_URL must not carry credentials; "
                             "use CONFLUENCE_USER and CONFLUENCE_API_TOKEN")
        if not space_key.strip() or not user.strip():
            raise ValueError("CONFLUENCE_SPACE and CONFLUENCE_USER must not be empty")
        self.site_url = site
        self.api_url = f"{site}/wiki/api/v2"
        self.space_key = space_key.strip()
        self.user = user.strip()
        self._token = api_token if isinstance(api_token, SecretStr) else SecretStr(api_token)
        if not self._token.get_secret_value():
            raise ValueError("CONFLUENCE_API_TOKEN must not be empty")
        self.parent_page_id = parent_page_id or None
        self.timeout = timeout
        self._space_id: str | None = None

    def __repr__(self) -> str:
        return (f"ConfluenceExporter(base_url={self.site_url!r}, space_key={self.space_key!r}, "
                f"user={self.user!r}, api_token=SecretStr('**********'), "
                f"parent_page_id={self.parent_page_id!r}, timeout={self.timeout!r})")

    # --- publishing --------------------------------------------------------------------------

    async def publish(self, doc: PostmortemDocument) -> ExportResult:
        body = markdown_to_storage(doc.markdown)
        try:
            async with self._client() as client:
                page, created = await self._publish(client, page_title(doc.title), body)
        except ExportFailed as failure:
            log.warning("postmortem export failed", extra={
                "incident_id": doc.incident_id, "exporter": self.name, "error": failure.reason})
            raise
        location = self._page_url(page)
        log.info("postmortem exported", extra={
            "incident_id": doc.incident_id, "exporter": self.name, "location": location,
            "new_document": created, "page_id": page.get("id"),
            "version": (page.get("version") or {}).get("number")})
        return ExportResult(exporter=self.name, location=location, created=created)

    async def _publish(
        self, client: httpx.AsyncClient, title: str, body: str
    ) -> tuple[dict[str, Any], bool]:
        space_id = await self._lookup_space(client)
        existing = await self._find_page(client, space_id, title)
        if existing is None:
            response = await self._send(client, "POST", "/pages", "create the page",
                                        json=self._create_body(space_id, title, body),
                                        passthrough=(400, 409))
            if response.status_code not in (400, 409):
                return self._page_from(response, "create the page"), True
            # Refused: most often a page with this title appeared since we looked.
            existing = await self._find_page(client, space_id, title)
            if existing is None:
                failure = self._failure(response, "create the page")
                if "already exists" in failure.reason:
                    failure = ExportFailed(self.name, failure.reason + " (an archived or trashed "
                                           "page with this title blocks it; restore or rename it)")
                raise failure
        return await self._update(client, existing, title, body), False

    async def _update(
        self, client: httpx.AsyncClient, page: dict[str, Any], title: str, body: str
    ) -> dict[str, Any]:
        page_id = str(page["id"])
        version = _version_of(page)
        if version is None:
            version = _version_of(await self._get_page(client, page_id))
        for attempt in (1, 2):
            response = await self._send(
                client, "PUT", f"/pages/{page_id}", f"update page {page_id}",
                json=self._update_body(page_id, title, body, (version or 0) + 1),
                passthrough=(409,))
            if response.status_code != 409 or attempt == 2:
                return self._page_from(response, f"update page {page_id}")
            version = _version_of(await self._get_page(client, page_id))
        raise AssertionError("unreachable")

    # --- API calls ---------------------------------------------------------------------------

    async def _lookup_space(self, client: httpx.AsyncClient) -> str:
        if self._space_id is not None:
            return self._space_id
        action = f"look up space {self.space_key}"
        response = await self._send(client, "GET", "/spaces", action,
                                    params={"keys": self.space_key, "limit": 1})
        results = self._json(response, action).get("results") or []
        match = next((s for s in results if s.get("key") == self.space_key), None)
        if match is None or match.get("id") is None:
            raise ExportFailed(self.name, f"space {self.space_key} not found at {self.site_url}, "
                                          f"or {self.user} may not view it")
        self._space_id = str(match["id"])
        return self._space_id

    async def _find_page(
        self, client: httpx.AsyncClient, space_id: str, title: str
    ) -> dict[str, Any] | None:
        action = f"look for the page {title!r}"
        response = await self._send(
            client, "GET", "/pages", action,
            params={"space-id": space_id, "title": title, "status": "current", "limit": 25})
        results = self._json(response, action).get("results") or []
        return next((p for p in results if p.get("title") == title and p.get("id")), None)

    async def _get_page(self, client: httpx.AsyncClient, page_id: str) -> dict[str, Any]:
        action = f"read page {page_id}"
        return self._page_from(await self._send(client, "GET", f"/pages/{page_id}", action), action)

    def _create_body(self, space_id: str, title: str, body: str) -> dict[str, Any]:
        payload: dict[str, Any] = {
            "spaceId": space_id,
            "status": "current",
            "title": title,
            "body": {"representation": "storage", "value": body},
        }
        if self.parent_page_id:
            payload["parentId"] = self.parent_page_id
        return payload

    @staticmethod
    def _update_body(page_id: str, title: str, body: str, number: int) -> dict[str, Any]:
        return {
            "id": page_id,
            "status": "current",
            "title": title,
            "body": {"representation": "storage", "value": body},
            "version": {"number": number, "message": VERSION_MESSAGE},
        }

    # --- HTTP and errors ---------------------------------------------------------------------

    def _client(self) -> httpx.AsyncClient:
        return httpx.AsyncClient(
            base_url=self.api_url,
            auth=httpx.BasicAuth(self.user, self._token.get_secret_value()),
            timeout=httpx.Timeout(self.timeout),
            headers={"Accept": "application/json", "User-Agent": "incident-commander"},
        )

    async def _send(
        self, client: httpx.AsyncClient, method: str, path: str, action: str, *,
        passthrough: tuple[int, ...] = (), **kwargs: Any,
    ) -> httpx.Response:
        """One request: a 2xx (or a status in `passthrough`, for the caller) or ExportFailed."""
        try:
            response = await client.request(method, path, **kwargs)
        except httpx.TimeoutException:
            raise ExportFailed(self.name, f"Confluence at {self.site_url} did not answer within "
                                          f"{self.timeout:g}s (trying to {action})") from None
        except httpx.TransportError as exc:
            raise ExportFailed(self.name, self._scrub(
                f"could not reach Confluence at {self.site_url} (trying to {action}): "
                f"{type(exc).__name__}: {exc}")) from None
        if response.is_success or response.status_code in passthrough:
            return response
        raise self._failure(response, action)

    def _page_from(self, response: httpx.Response, action: str) -> dict[str, Any]:
        if not response.is_success:
            raise self._failure(response, action)
        page = self._json(response, action)
        if not page.get("id"):
            raise ExportFailed(self.name, f"Confluence answered without a page id (trying to {action})")
        return page

    def _json(self, response: httpx.Response, action: str) -> dict[str, Any]:
        try:
            data = response.json()
        except ValueError:
            data = None
        if not isinstance(data, dict):
            raise ExportFailed(self.name, f"unexpected answer from Confluence (HTTP "
                                          f"{response.status_code}, not a JSON object) "
                                          f"(trying to {action})")
        return data

    def _failure(self, response: httpx.Response, action: str) -> ExportFailed:
        status = response.status_code
        if status == 401:
            reason = (f"Confluence rejected the credentials of {self.user} (HTTP 401); "
                      "check CONFLUENCE_USER and CONFLUENCE_API_TOKEN (tokens expire)")
        elif status == 403:
            reason = (f"{self.user} may not {action} in space {self.space_key} (HTTP 403); "
                      "the account needs permission to add and edit pages there")
        elif status == 404:
            if action == "create the page":
                parent = f" or parent page {self.parent_page_id}" if self.parent_page_id else ""
                reason = (f"space {self.space_key}{parent} not found, or {self.user} may not "
                          f"add pages there (HTTP 404)")
            else:
                reason = f"not found, trying to {action} (HTTP 404)"
        elif status == 409:
            reason = (f"version conflict, trying to {action} (HTTP 409): the page kept changing "
                      "while it was being saved; publish again")
        elif status == 429:
            wait = response.headers.get("retry-after")
            reason = "rate limited by Confluence (HTTP 429)" + (f"; retry after {wait}s" if wait else "")
        elif status >= 500:
            reason = f"Confluence is unavailable (HTTP {status}), trying to {action}"
        else:
            reason = f"Confluence refused to {action} (HTTP {status})"
        detail = _error_detail(response)
        if detail and status not in (401, 403):
            reason += f": {detail}"
        return ExportFailed(self.name, self._scrub(reason))

    def _scrub(self, text: str) -> str:
        """Remove the token (and the basic-auth header made of it) from a message, whatever its source."""
        token = self._token.get_secret_value()
        credentials = base64.b64encode(f"{self.user}:{token}".encode()).decode()
        for secret in (token, credentials):
            if secret:
                text = text.replace(secret, "[REDACTED]")
        return redact(text)

    def _page_url(self, page: dict[str, Any]) -> str:
        links = page.get("_links") or {}
        base = str(links.get("base") or f"{self.site_url}/wiki").rstrip("/")
        webui = links.get("webui")
        if not webui:
            return f"{base}/pages/viewpage.action?pageId={page['id']}"
        return base + (webui if str(webui).startswith("/") else f"/{webui}")


def page_title(title: str) -> str:
    """The title as Confluence will store it (one line, no outer spaces, at most 255 characters),
    so that looking the page up again by it finds the same page."""
    title = " ".join(title.split())
    return title if len(title) <= MAX_TITLE else title[: MAX_TITLE - 1].rstrip() + "…"


def _version_of(page: dict[str, Any]) -> int | None:
    number = (page.get("version") or {}).get("number")
    return number if isinstance(number, int) else None


def _error_detail(response: httpx.Response) -> str:
    """The human part of a Confluence error body (v2 `errors[].title`, v1 `message`), short."""
    try:
        data = response.json()
    except ValueError:
        return ""
    detail = ""
    if isinstance(data, dict):
        errors = data.get("errors")
        if isinstance(errors, list) and errors and isinstance(errors[0], dict):
            detail = str(errors[0].get("title") or errors[0].get("detail") or "")
        detail = detail or str(data.get("message") or "")
    detail = " ".join(detail.split())
    return detail[:_DETAIL_LIMIT] + ("…" if len(detail) > _DETAIL_LIMIT else "")
