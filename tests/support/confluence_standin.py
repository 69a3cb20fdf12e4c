"""A local stand-in of the Confluence Cloud REST API v2 pages endpoints, for the export tests.

It serves, under `/wiki/api/v2`, what `ConfluenceExporter` calls, and is as strict as the real
service where that matters:

- `GET /spaces?keys=` (spaces the stand-in knows), `GET /pages?space-id=&title=&status=`,
  `GET /pages/{id}`, `POST /pages`, `PUT /pages/{id}`;
- HTTP basic auth with the configured email and API token on every request (401 otherwise);
  users in `read_only_users` get 403 on writes;
- required fields: `spaceId` and (for a current page) `title` on create; `id`, `status`,
  `title`, `body` and `version.number` on update; `body.representation` one of storage,
  atlas_doc_format, wiki; a storage body must be well-formed XML (Confluence rejects
  unparseable storage format);
- titles are unique in a space (400 "A page with this title already exists", as Confluence
  answers); an unknown space or parent on create is 404;
- `version.number` on update must be the current version plus one, else 409;
- errors in the v2 shape `{"errors": [{"status", "code", "title", "detail"}]}`;
- page responses carry `_links.webui` (space-relative) and, for single pages and lists,
  `_links.base` (`<site>/wiki`).

Scripting: `fail_next(status, ...)` answers the next matching request with an error,
`slow_next(delay_s, ...)` delays it (past a short client timeout), `on_next(method, path,
action)` runs `action` just before it (to script a race), `conflict_next_put(times)` makes a page
change under the next PUTs as if someone saved it in between; `add_page` seeds a page (a
person's, or an archived one) and `edit_page` changes one directly. Every request is recorded in `requests` (method, path, query, headers, body).
"""

from __future__ import annotations

import asyncio
import base64
import itertools
import json
import re
import xml.etree.ElementTree as ET
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Self

from aiohttp import web

API = "/wiki/api/v2"
_JSON_BODY = web.RequestKey("json_body", object)
_REPRESENTATIONS = {"storage", "atlas_doc_format", "wiki"}
_STORAGE_ROOT = ('<root xmlns:ac="http://atlassian.com/content" '
                 'xmlns:ri="http://atlassian.com/resource/identifier">{}</root>')


@dataclass
class RecordedRequest:
    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]
    body: Any


@dataclass
class Fault:
    status: int | None = None  # None: answer normally (after the delay)
    delay_s: float = 0.0
    before: Callable[[], object] | None = None  # runs, then the request is answered normally
    message: str = ""
    method: str | None = None
    path_contains: str | None = None
    headers: dict[str, str] = field(default_factory=dict)

    def matches(self, request: web.Request) -> bool:
        return (self.method is None or self.method == request.method) and (
            self.path_contains is None or self.path_contains in request.path
        )


@dataclass
class Page:
    id: str
    space_id: str
    title: str
    parent_id: str | None
    body: str
    representation: str
    version: int = 1
    status: str = "current"
    version_message: str = ""


class ConfluenceStandIn:
    """`async with ConfluenceStandIn() as wiki: ConfluenceExporter(wiki.base_url, "OPS", ...)`."""

    def __init__(
        self,
        *,
        user: str = "ic-bot@example.com",
        token: str = "ATATT3xFfGF0-standin-token",
        spaces: dict[str, str] | None = None,
        read_only_users: set[str] | None = None,
    ) -> None:
        self.user = user
        self.token = token
        self.spaces = dict(spaces or {"OPS": "98305"})  # key -> id
        self.read_only_users = set(read_only_users or ())
        self.pages: dict[str, Page] = {}
        self.requests: list[RecordedRequest] = []
        self._faults: deque[Fault] = deque()
        self._conflicting_puts = 0
        self._ids = itertools.count(65537)
        self._runner: web.AppRunner | None = None
        self.base_url = ""

    # --- lifecycle ---------------------------------------------------------------------------

    async def start(self) -> str:
        app = web.Application()
        app.router.add_get(f"{API}/spaces", self._get_spaces)
        app.router.add_get(f"{API}/pages", self._get_pages)
        app.router.add_post(f"{API}/pages", self._create_page)
        app.router.add_get(f"{API}/pages/{{id}}", self._get_page)
        app.router.add_put(f"{API}/pages/{{id}}", self._update_page)
        app.middlewares.append(self._middleware)
        self._runner = web.AppRunner(app, shutdown_timeout=0.2)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        self.base_url = f"http://127.0.0.1:{port}"
        return self.base_url

    async def close(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> Self:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    # --- scripting ---------------------------------------------------------------------------

    def fail_next(self, status: int, message: str = "", *, times: int = 1, method: str | None = None,
                  path_contains: str | None = None, headers: dict[str, str] | None = None,
                  ) -> ConfluenceStandIn:
        for _ in range(times):
            self._faults.append(Fault(status=status, message=message, method=method,
                                      path_contains=path_contains, headers=dict(headers or {})))
        return self

    def slow_next(self, delay_s: float, *, method: str | None = None,
                  path_contains: str | None = None) -> ConfluenceStandIn:
        self._faults.append(Fault(delay_s=delay_s, method=method, path_contains=path_contains))
        return self

    def on_next(self, method: str, path_contains: str, action: Callable[[], object],
                ) -> ConfluenceStandIn:
        """Run `action` just before the next matching request is handled (a race, scripted)."""
        self._faults.append(Fault(method=method, path_contains=path_contains, before=action))
        return self

    def conflict_next_put(self, times: int = 1) -> ConfluenceStandIn:
        """Someone saves the page just before each of the next `times` PUTs reach it."""
        self._conflicting_puts += times
        return self

    def add_page(self, space_key: str, title: str, body: str = "<p>written by a person</p>", *,
                 status: str = "current", parent_id: str | None = None) -> Page:
        """A page that exists before the bot publishes (a person wrote it, or it is archived)."""
        page = Page(id=str(next(self._ids)), space_id=self.spaces[space_key], title=title,
                    parent_id=parent_id, body=body, representation="storage", status=status)
        self.pages[page.id] = page
        return page

    def edit_page(self, page_id: str, body: str = "<p>edited by a person</p>") -> Page:
        page = self.pages[page_id]
        page.body, page.version = body, page.version + 1
        return page

    def page_titled(self, title: str) -> Page | None:
        return next((p for p in self.pages.values() if p.title == title), None)

    def calls(self, method: str | None = None, path_contains: str = "") -> list[RecordedRequest]:
        return [r for r in self.requests
                if (method is None or r.method == method) and path_contains in r.path]

    @property
    def site_wiki(self) -> str:
        return f"{self.base_url}/wiki"

    # --- the middleware: record, faults, auth ------------------------------------------------

    @web.middleware
    async def _middleware(self, request: web.Request, handler: Any) -> web.StreamResponse:
        raw = await request.read()
        try:
            body = json.loads(raw) if raw else None
        except json.JSONDecodeError:
            body = raw.decode("utf-8", "replace")
        self.requests.append(RecordedRequest(
            request.method, request.path, dict(request.query),
            {k.lower(): v for k, v in request.headers.items()}, body))

        fault = next((f for f in self._faults if f.matches(request)), None)
        if fault is not None:
            self._faults.remove(fault)
            if fault.delay_s:
                await asyncio.sleep(fault.delay_s)
            if fault.before is not None:
                fault.before()
            if fault.status is not None:
                return _error(fault.status, fault.message or _REASONS.get(fault.status, "Error"),
                              headers=fault.headers)

        user = self._authenticated_user(request.headers.get("Authorization", ""))
        if user is None:
            return _error(401, "Unauthorized", code="UNAUTHORIZED")
        if request.method in ("POST", "PUT") and user in self.read_only_users:
            return _error(403, "You do not have permission to add or edit pages in this space",
                          code="FORBIDDEN")
        if request.method in ("POST", "PUT") and not isinstance(body, dict):
            return _error(400, "The request body is not a JSON object")
        request[_JSON_BODY] = body
        return await handler(request)

    def _authenticated_user(self, header: str) -> str | None:
        scheme, _, value = header.partition(" ")
        if scheme.lower() != "basic":
            return None
        try:
            user, _, token = base64.b64decode(value, validate=True).decode().partition(":")
        except (ValueError, UnicodeDecodeError):
            return None
        allowed = {self.user} | self.read_only_users
        return user if user in allowed and token == self.token else None

    # --- endpoints ---------------------------------------------------------------------------

    async def _get_spaces(self, request: web.Request) -> web.Response:
        keys = [k for k in request.query.get("keys", "").split(",") if k]
        results = [
            {"id": space_id, "key": key, "name": f"{key} space", "type": "global",
             "status": "current", "_links": {"webui": f"/spaces/{key}"}}
            for key, space_id in self.spaces.items() if not keys or key in keys
        ]
        return web.json_response({"results": results, "_links": {"base": self.site_wiki}})

    async def _get_pages(self, request: web.Request) -> web.Response:
        space_ids = [s for s in request.query.get("space-id", "").split(",") if s]
        if any(not s.isdigit() for s in space_ids):
            return _error(400, "space-id must be numeric", code="INVALID_REQUEST_PARAMETER")
        statuses = [s for s in request.query.get("status", "current,archived").split(",") if s]
        title = request.query.get("title")
        results = [
            self._page_json(p, bulk=True) for p in self.pages.values()
            if (not space_ids or p.space_id in space_ids) and p.status in statuses
            and (title is None or p.title == title)
        ]
        return web.json_response({"results": results, "_links": {"base": self.site_wiki}})

    async def _get_page(self, request: web.Request) -> web.Response:
        page = self.pages.get(request.match_info["id"])
        if page is None:
            return _error(404, "Page not found", code="NOT_FOUND")
        return web.json_response(self._page_json(page))

    async def _create_page(self, request: web.Request) -> web.Response:
        data: dict[str, Any] = request[_JSON_BODY]  # type: ignore[assignment]
        space_id = data.get("spaceId")
        if not space_id:
            return _error(400, "spaceId is required", code="INVALID_REQUEST_PARAMETER")
        status = data.get("status", "current")
        if status not in ("current", "draft"):
            return _error(400, f"Invalid status: {status}")
        title = data.get("title")
        if status == "current" and not (isinstance(title, str) and title.strip()):
            return _error(400, "Title is required for a published page")
        if str(space_id) not in self.spaces.values():
            return _error(404, "Space not found", code="NOT_FOUND")
        parent_id = data.get("parentId")
        if parent_id is not None and (
            str(parent_id) not in self.pages or self.pages[str(parent_id)].space_id != str(space_id)
        ):
            return _error(404, "Parent page not found", code="NOT_FOUND")
        problem = _body_problem(data.get("body"))
        if problem:
            return _error(400, problem)
        if self._title_taken(str(space_id), title):
            return _error(400, "A page with this title already exists: A page already exists "
                               "with the same TITLE in this space")
        page = Page(id=str(next(self._ids)), space_id=str(space_id), title=title,
                    parent_id=str(parent_id) if parent_id else None,
                    body=data["body"]["value"], representation=data["body"]["representation"],
                    status=status)
        self.pages[page.id] = page
        return web.json_response(self._page_json(page))

    async def _update_page(self, request: web.Request) -> web.Response:
        data: dict[str, Any] = request[_JSON_BODY]  # type: ignore[assignment]
        page_id = request.match_info["id"]
        for key in ("id", "status", "title", "body", "version"):
            if key not in data:
                return _error(400, f"{key} is required", code="INVALID_REQUEST_PARAMETER")
        if str(data["id"]) != page_id:
            return _error(400, "The id in the body does not match the page id in the path")
        number = (data.get("version") or {}).get("number")
        if not isinstance(number, int):
            return _error(400, "version.number is required")
        page = self.pages.get(page_id)
        if page is None:
            return _error(404, "Page not found", code="NOT_FOUND")
        problem = _body_problem(data.get("body"))
        if problem:
            return _error(400, problem)
        if self._conflicting_puts:
            self._conflicting_puts -= 1
            self.edit_page(page_id)
        if number != page.version + 1:
            return _error(409, f"Version must be incremented on update. Current version is: "
                               f"{page.version}", code="CONFLICT")
        if self._title_taken(page.space_id, data["title"], except_id=page_id):
            return _error(400, "A page with this title already exists: A page already exists "
                               "with the same TITLE in this space")
        page.title = data["title"]
        page.status = data["status"]
        page.body = data["body"]["value"]
        page.representation = data["body"]["representation"]
        page.version = number
        page.version_message = (data.get("version") or {}).get("message", "")
        return web.json_response(self._page_json(page))

    # --- helpers -----------------------------------------------------------------------------

    def _title_taken(self, space_id: str, title: str | None, except_id: str | None = None) -> bool:
        return any(p.space_id == space_id and p.title == title and p.id != except_id
                   for p in self.pages.values())

    def _page_json(self, page: Page, *, bulk: bool = False) -> dict[str, Any]:
        key = next(k for k, v in self.spaces.items() if v == page.space_id)
        slug = re.sub(r"[^A-Za-z0-9]+", "+", page.title).strip("+")
        links = {"webui": f"/spaces/{key}/pages/{page.id}/{slug}",
                 "editui": f"/pages/resumedraft.action?draftId={page.id}",
                 "tinyui": f"/x/{page.id}"}
        if not bulk:
            links["base"] = self.site_wiki
        return {
            "id": page.id, "status": page.status, "title": page.title, "spaceId": page.space_id,
            "parentId": page.parent_id, "parentType": "page" if page.parent_id else None,
            "version": {"number": page.version, "message": page.version_message,
                        "minorEdit": False},
            "_links": links,
        }


_REASONS = {400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found",
            409: "Conflict", 429: "Too Many Requests", 500: "Internal Server Error",
            502: "Bad Gateway", 503: "Service Unavailable"}


def _error(status: int, title: str, *, code: str | None = None,
           headers: dict[str, str] | None = None) -> web.Response:
    code = code or _REASONS.get(status, "ERROR").upper().replace(" ", "_")
    payload = {"errors": [{"status": status, "code": code, "title": title, "detail": None}]}
    return web.json_response(payload, status=status, headers=headers)


def _body_problem(body: Any) -> str | None:
    if not isinstance(body, dict):
        return "body is required"
    if body.get("representation") not in _REPRESENTATIONS:
        return f"Invalid body representation: {body.get('representation')!r}"
    if not isinstance(body.get("value"), str):
        return "body.value must be a string"
    if body["representation"] == "storage":
        try:
            ET.fromstring(_STORAGE_ROOT.format(body["value"]))
        except ET.ParseError as exc:
            return f"Error parsing xhtml: {exc}"
    return None
